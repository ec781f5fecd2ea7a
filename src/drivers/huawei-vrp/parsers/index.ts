/**
 * Huawei VRP parsers. The VRP display formats are shared with the USG, so the parsers live in
 * src/drivers/shared-vrp/ and are re-exported here (platform folders never import each other).
 */
export * from '../../shared-vrp/index.js';
export { vrpGetters as huaweiVrpGetters } from '../../shared-vrp/index.js';
