import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ENCRYPTED_PREFIX, blindIndex, encrypt, keysOf } from '../../security/personal-data.js';

/**
 * Personal data encrypted at rest: the columns become text (ciphertext is longer than 255), and
 * the ID number gets a blind index, unique per tenant (a person is registered once per region).
 */
export class CorePersonalData extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "talent" alter column "id_card_number" type text, alter column "phone" type text;`);
    this.addSql(`alter table "talent" add column "id_card_index" varchar(64) null;`);
    this.addSql(`create unique index "talent_id_card_index_unique" on "talent" ("id_card_index");`);
  }
}

/**
 * The data half of the migration: encrypt values written before it, and index them. Runs after
 * the migrations of each tenant (TenancyService.provision), because a MikroORM migration runs SQL
 * only and encryption needs the key in the application. Idempotent: encrypted rows are skipped.
 */
export async function encryptLegacyPersonalData(em: EntityManager, schema: string): Promise<number> {
  const keys = keysOf(em.getPlatform());
  const conn = em.getConnection();
  const rows = (await conn.execute(
    `select id, id_card_number, phone from "${schema}"."talent"
      where (id_card_number is not null and id_card_number not like '${ENCRYPTED_PREFIX}%') or (phone is not null and phone not like '${ENCRYPTED_PREFIX}%')`,
  )) as { id: string; id_card_number: string | null; phone: string | null }[];
  for (const r of rows) {
    const id = r.id_card_number && !r.id_card_number.startsWith(ENCRYPTED_PREFIX) ? r.id_card_number : null;
    const phone = r.phone && !r.phone.startsWith(ENCRYPTED_PREFIX) ? r.phone : null;
    await conn.execute(
      `update "${schema}"."talent" set id_card_number = coalesce(?, id_card_number), id_card_index = coalesce(?, id_card_index), phone = coalesce(?, phone) where id = ?`,
      [id ? encrypt(keys, id) : null, id ? blindIndex(keys, id) : null, phone ? encrypt(keys, phone) : null, r.id],
    );
  }
  return rows.length;
}
