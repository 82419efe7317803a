// typescript-eslint resolves `typescript` from here, so it gets 6.0 (see package.json).
export { default as tseslint } from 'typescript-eslint';
