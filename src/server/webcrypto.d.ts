// Node has WebCrypto's CryptoKey as a global, as browsers do; @types/node declares its type only
// in node:crypto's `webcrypto` namespace. The protocol layer, which the server shares with the
// tablet, names these types globally (as the DOM library has them): this gives the server's config
// the same names, without the DOM.
type CryptoKey = import('node:crypto').webcrypto.CryptoKey;
type BufferSource = import('node:crypto').webcrypto.BufferSource;
type JsonWebKey = import('node:crypto').webcrypto.JsonWebKey;
type Algorithm = import('node:crypto').webcrypto.Algorithm;
type EcKeyImportParams = import('node:crypto').webcrypto.EcKeyImportParams;
type EcdsaParams = import('node:crypto').webcrypto.EcdsaParams;
type CryptoKeyPair = import('node:crypto').webcrypto.CryptoKeyPair;
