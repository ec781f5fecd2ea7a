/** The driver contract on a lab Huawei USG6000 firewall (zones, VPN instances; credentials from a secrets file). */
import { registerDriverContract } from '../../contract/driver.contract.js';

registerDriverContract({ platform: 'huawei-usg', device: 'fw-egress-1' });
