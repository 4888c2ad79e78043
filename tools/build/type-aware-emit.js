/**
 * A do-nothing TypeScript transformer. Its only job: with a transformer present, Nx's webpack build runs ts-loader
 * with the full program instead of `transpileOnly`, so decorator metadata carries real types (e.g. `String` for a
 * string-literal union). Mongoose schemas and Nest injection read that metadata; without it the production bundle
 * and the tests (ts-jest, type-aware) would disagree.
 */
module.exports = {
  before: () => () => (sourceFile) => sourceFile,
};
