/**
 * The core's payload-mutation kit (src/graphql/payload.ts), which src/index.ts does not export
 * yet. This one file reaches past the public module so that the plugin's resolvers need not; when
 * src/index.ts exports `PayloadMutation` and `PayloadType`, import them from there and delete it.
 */
export { PayloadMutation, PayloadType } from '../../../src/graphql/payload.js';
