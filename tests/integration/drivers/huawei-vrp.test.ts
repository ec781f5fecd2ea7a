/** The driver contract on a lab Huawei VRP switch (S9303 aggregation: LAG, VRRP, VPN instances), host keys in the database (PGlite). */
import { createHostKeyStore, migrateDatabase, openDatabase } from '../../../src/db/index.js';
import { registerDriverContract } from '../../contract/driver.contract.js';

registerDriverContract({
  platform: 'huawei-vrp',
  device: 'host-agg-1',
  hostKeys: async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return { store: createHostKeyStore(database.db), close: () => database.close() };
  },
});
