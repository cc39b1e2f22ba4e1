import { Migration } from '@mikro-orm/migrations';

/**
 * The liaison's phone is personal data: stored encrypted (the core's EncryptedString), so the
 * column becomes text (ciphertext is longer than 255). Values written before this migration are
 * read as they are and encrypted the next time the stay is saved.
 */
export class WenzhouEncryptLiaison extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "wz_stay" alter column "liaison_contact" type text;`);
  }
}
