import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { listAttachments } from './attachments.js';
import { StoredFile } from './stored-file.js';

/**
 * Attachments are listed through GraphQL (metadata only); their bytes travel over plain HTTP
 * beside it (`POST /files`, `GET /files/:id`, src/http/file-routes.ts) with the same token.
 */
@Resolver(() => StoredFile)
export class AttachmentResolver {
  @Authorized()
  @Query(() => [StoredFile], { description: 'Files attached to a record you can see (upload with POST /files, download with GET /files/:id)' })
  attachments(@Ctx() ctx: RequestContext, @Arg('ownerType', () => String) ownerType: string, @Arg('ownerId', () => ID) ownerId: string) {
    return listAttachments(ctx, ownerType, ownerId);
  }

  @FieldResolver(() => String, { description: 'GET this path with your bearer token to download the file' })
  downloadPath(@Root() file: StoredFile) {
    return `/files/${file.id}`;
  }
}
