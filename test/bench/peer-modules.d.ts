// Minimal typings for the PouchDB peer benchmark (the packages ship no type declarations).

declare module 'pouchdb-browser' {
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  interface PouchDatabase {
    bulkDocs(docs: object[]): Promise<{ ok?: boolean; error?: string }[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  }
  interface PouchStatic {
    new (name: string, opts?: object): PouchDatabase;
    replicate(source: PouchDatabase | string, target: PouchDatabase | string, opts?: object): Promise<ReplicationResult>;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-core' {
  interface PouchStatic {
    plugin(p: unknown): PouchStatic;
    defaults(opts: object): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { Express } from 'express';
  function expressPouchdb(PouchDB: unknown, opts?: object): Express;
  export default expressPouchdb;
}
