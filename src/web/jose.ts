// jose behind a module of our own. src/web/jwt/keys.ts imports this one dynamically when it
// first needs cryptography; the bundler keeps a module reached only through import()
// unevaluated until then, whatever the output format (a bare import('jose') would stay
// a real dynamic import, which the CLI's CommonJS launcher cannot serve).
export * from 'jose';
