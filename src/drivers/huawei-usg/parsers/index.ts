/**
 * Huawei USG parsers: the USG runs VRP and prints the same `display` tables (reference/huawei-usg.md
 * §7.4), so it reuses src/drivers/shared-vrp/ (platform folders never import each other).
 */
export * from '../../shared-vrp/index.js';
export { vrpGetters as huaweiUsgGetters } from '../../shared-vrp/index.js';
