/**
 * Where the default 鹰潭 org directory ships. A URL, not its content: reading it is the caller's
 * I/O (the CLI and the server read it; core stays pure).
 */
export const DEFAULT_DIRECTORY_URL = new URL('../../data/yingtan-orgs.csv', import.meta.url);

/** The reference notice (鹰府字〔2024〕25号, 51 tasks): the demo data and the benchmarks read it. */
export const REFERENCE_NOTICE_URL = new URL('../../data/notices/yingtan-2024-25.txt', import.meta.url);
