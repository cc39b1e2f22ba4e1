/**
 * The core's payload-mutation kit (issue 17), which src/index.ts does not export yet: the one
 * place this plugin reaches past it. When the core exports these, import them from
 * src/index.ts and delete this file.
 */
export { PayloadMutation, PayloadType } from '../../../src/graphql/payload.js';
export { inputSchemaOf } from '../../../src/graphql/validation.js';
