/** The driver contract on a lab Ruijie RGOS switch (RG-S5750 aggregation: AggregatePort, VRRP, VRFs). */
import { registerDriverContract } from '../../contract/driver.contract.js';

registerDriverContract({ platform: 'ruijie-rgos', device: 'host-agg-2' });
