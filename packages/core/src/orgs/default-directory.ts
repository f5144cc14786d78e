/**
 * Where the default 鹰潭 org directory ships. A URL, not its content: reading it is the caller's
 * I/O (the CLI and the server read it; core stays pure).
 */
export const DEFAULT_DIRECTORY_URL = new URL('../../data/yingtan-orgs.csv', import.meta.url);
