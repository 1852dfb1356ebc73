import 'fake-indexeddb/auto';
import { Dexie, liveQuery } from 'dexie';
import { describe, expect, test } from 'vitest';
import { INTEGRITY_MESSAGE, IntegrityError, isDamaged } from '../../../renderer/data/errors.js';
import { clearFieldsOf, tableNames, tableSpecs } from '../../../renderer/data/schema.js';
import { openSealedTexts, sealBytes } from '../../../shared/crypto/aead.js';
import { loadSodium, sodiumModule } from '../../../shared/crypto/sodium.js';
import { defaultRandomSource } from '../../../shared/ids/uuidv7.js';
import { cardVerification, mutateRaw, openTestStore, rawRows, seedOffice, session, VALID_MY_NUMBER } from './fixtures.js';

async function seeded() {
  const t = await openTestStore();
  return { ...t, ...(await seedOffice(t.store)) };
}

const utf16le = (text: string) => new Uint8Array(Uint16Array.from(text, (ch) => ch.charCodeAt(0)).buffer);
const includesBytes = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};
/** Does any string or byte array in the stored row contain the text, as UTF-16 string, UTF-8 bytes or UTF-16LE bytes? */
function leaks(row: unknown, text: string): boolean {
  if (typeof row === 'string') return row.includes(text);
  if (row instanceof Uint8Array) return includesBytes(row, new TextEncoder().encode(text)) || includesBytes(row, utf16le(text));
  if (row && typeof row === 'object') return Object.entries(row).some(([k, v]) => k.includes(text) || leaks(v, text));
  return false;
}

describe('encryption at rest', () => {
  test('raw rows hold none of the personal values, in UTF-8 or UTF-16', async () => {
    const { name, repos, ids } = await seeded();
    // Also through the repositories, so the outbox and audit rows (which copy payloads) are covered.
    const cw = session('caseworker', ids.cwA, 'team-1');
    const h = (await repos.households.list(cw))[0]!;
    const memberId = crypto.randomUUID();
    await repos.members.save(cw, {
      id: memberId,
      householdId: h.id,
      name: '鈴木 一郎',
      kana: 'スズキ イチロウ',
      birthDate: '1990-01-01',
      sex: 'male',
      relation: '長男',
      myNumber: VALID_MY_NUMBER,
      identityVerification: cardVerification(memberId, ids.cwA, ids.sv1),
      atenaNumber: null,
      nonDisclosure: false,
    });
    await repos.households.search(cw, '鈴木');
    const secrets = ['山田 太郎', '山田', 'ヤマダ', '鈴木', 'スズキ', '加須市三俣', VALID_MY_NUMBER, '長男の就労', '1960-04-01'];
    for (const table of tableNames) {
      const rows = await rawRows(name, table);
      for (const secret of secrets)
        expect(
          rows.filter((row) => leaks(row, secret)),
          `${table} leaks ${secret}`,
        ).toEqual([]);
    }
    expect((await rawRows(name, 'outbox')).length).toBeGreaterThan(0);
    expect((await rawRows(name, 'audit')).length).toBeGreaterThan(0);
  });

  test('the leak check itself finds plaintext (so the test above can fail)', () => {
    expect(leaks({ c: new TextEncoder().encode(`x${VALID_MY_NUMBER}y`) }, VALID_MY_NUMBER)).toBe(true);
    expect(leaks({ c: utf16le('山田 太郎') }, '山田')).toBe(true);
    expect(leaks({ name: '山田 太郎' }, '山田')).toBe(true);
  });

  test('a stored row keeps only its clear fields and the envelope', async () => {
    const { name } = await seeded();
    for (const row of await rawRows(name, 'members')) {
      expect(Object.keys(row).sort()).toEqual([...clearFieldsOf('members'), 'kid', 'v', 'c'].sort());
      expect(row.kid).toBe('k1');
    }
  });

  test('every indexed field is a clear field', () => {
    for (const table of tableNames) {
      const indexed = tableSpecs[table].indexes.split(',').flatMap((spec) =>
        spec
          .trim()
          .replace(/^[&*+]+/, '')
          .replace(/^\[|\]$/g, '')
          .split('+'),
      );
      expect(
        indexed.filter((field) => !clearFieldsOf(table).has(field)),
        table,
      ).toEqual([]);
    }
  });

  test('one altered ciphertext byte damages that row only; the list still reads the others', async () => {
    const { store, name, mA, mB } = await seeded();
    await mutateRaw(name, 'members', mA.id, (row) => {
      (row.c as Uint8Array)[5]! ^= 0x01;
    });
    const all = await store.db.members.toArray();
    expect(all.find((m) => m.id === mA.id)).toEqual({ id: mA.id, __integrityError: INTEGRITY_MESSAGE });
    expect(all.find((m) => m.id === mB.id)).toMatchObject({ name: '佐藤 花子' });
  });

  test('a single-record read of a damaged row raises IntegrityError naming table and id', async () => {
    const { name, repos, ids, mA } = await seeded();
    await mutateRaw(name, 'members', mA.id, (row) => {
      // The nonce: the first bytes of the envelope.
      (row.c as Uint8Array)[0]! ^= 0xff;
    });
    const error = await repos.members.get(session('caseworker', ids.cwA, 'team-1'), mA.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ table: 'members', id: mA.id });
    expect((await repos.members.list(session('caseworker', ids.cwA, 'team-1'), mA.householdId)).filter(isDamaged)).toHaveLength(1);
  });

  test('a plaintext field planted beside the envelope is not taken as the value of the row', async () => {
    const { store, name, mA } = await seeded();
    await mutateRaw(name, 'members', mA.id, (row) => {
      row.name = '偽の氏名';
    });
    await expect(store.db.members.get(mA.id)).resolves.toMatchObject({ name: '山田 太郎' });
  });

  test('editing a clear field on disk (moving a case to another caseworker) damages the row', async () => {
    const { store, name, repos, ids, hB } = await seeded();
    await mutateRaw(name, 'households', hB.id, (row) => {
      row.assignedTo = ids.cwA;
    });
    const listed = await repos.households.list(session('caseworker', ids.cwA, 'team-1'));
    expect(listed.filter(isDamaged).map((row) => row.id)).toEqual([hB.id]);
    await expect(store.db.households.get(hB.id)).resolves.toMatchObject({ __integrityError: INTEGRITY_MESSAGE });
  });

  test('a ciphertext copied onto another row does not open there', async () => {
    const { store, name, mA, mB } = await seeded();
    const [rowA] = (await rawRows(name, 'members')).filter((row) => row.id === mA.id);
    await mutateRaw(name, 'members', mB.id, (row) => {
      row.c = rowA!.c;
    });
    expect(isDamaged(await store.db.members.get(mB.id))).toBe(true);
  });

  test('a damaged row read back cannot be written over (the evidence stays)', async () => {
    const { store, name, mA } = await seeded();
    await mutateRaw(name, 'members', mA.id, (row) => {
      (row.c as Uint8Array)[0]! ^= 1;
    });
    const damaged = await store.db.members.get(mA.id);
    await expect(store.db.members.put(damaged!)).rejects.toThrow(IntegrityError);
  });

  test('another key opens nothing', async () => {
    const { store, name } = await seeded();
    store.close();
    const { openDatabase } = await import('../../../renderer/data/db.js');
    const other = await openDatabase(new Uint8Array(32).fill(9), { kid: 'k1', device: store.device, name });
    expect((await other.db.members.toArray()).every(isDamaged)).toBe(true);
  });

  test('liveQuery and updates above the middleware see plaintext', async () => {
    const { store, mA } = await seeded();
    const seen: string[] = [];
    const subscription = liveQuery(() => store.db.members.get(mA.id)).subscribe((m) => m && !isDamaged(m) && seen.push(m.name));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.db.members.update(mA.id, { name: '山田 次郎' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    subscription.unsubscribe();
    expect(seen).toEqual(['山田 太郎', '山田 次郎']);
    expect(Dexie.currentTransaction).toBeNull();
  });

  test('close wipes the key the store holds', async () => {
    const { store } = await seeded();
    store.close();
    expect(Array.from(store.blindKey).every((b) => b === 0)).toBe(true);
  });

  test("a blinded link moved on disk to another household's value makes the row fail to open; the opened row has no derived field", async () => {
    const { store, name, repos, ids } = await seeded();
    const keiri = session('accounting', ids.admin);
    const [hA, hB] = (await repos.households.list(session('systemAdmin', ids.admin))).filter((h) => !isDamaged(h));
    const result = { amount: 10_000, lines: [], schedule: [{ month: '2026-12', amount: 10_000 }] };
    const debt = await repos.ledgers.create(keiri, hA!.id, { kind: 'collection78', decidedOn: '2026-11-10', result });
    const other = await repos.ledgers.create(keiri, hB!.id, { kind: 'refund63', decidedOn: '2026-11-10', result });
    expect(debt).not.toHaveProperty('householdKey');
    const stolen = (await rawRows(name, 'debts')).find((row) => row.id === other.id)!.householdKey;
    await mutateRaw(name, 'debts', debt.id, (row) => {
      row.householdKey = stolen;
    });
    const listed = await repos.debts.list(keiri, hB!.id);
    expect(listed.map((row) => row.id).sort()).toEqual([debt.id, other.id].sort());
    expect(listed.find((row) => row.id === debt.id)).toEqual({ id: debt.id, __integrityError: INTEGRITY_MESSAGE });
    expect(await store.db.debts.get(other.id)).not.toHaveProperty('householdKey');
  });
});

describe('opening a read in one pass over libsodium memory (openSealedTexts)', () => {
  const random = defaultRandomSource();
  const utf8 = new TextEncoder();
  const sealText = (sodium: Awaited<ReturnType<typeof loadSodium>>, key: Uint8Array, text: string, associatedData: string) => ({
    sealed: sealBytes(sodium, random, key, utf8.encode(text), utf8.encode(associatedData)),
    associatedData,
  });

  test('every message opens to its own text across decode runs, with newlines, large and non-ASCII ones; what does not open is null', async () => {
    const sodium = await loadSodium();
    const key = crypto.getRandomValues(new Uint8Array(32));
    const texts = Array.from({ length: 900 }, (_, i) => JSON.stringify({ i, name: `世帯員 ${i}`, note: 'メモ'.repeat(i % 50) }));
    texts[10] = 'a raw\nnewline in the middle';
    texts[11] = '';
    texts[500] = `{"note":"${'長い記録'.repeat(40_000)}"}`; // larger than one decode run
    const messages = texts.map((text, i) => sealText(sodium, key, text, JSON.stringify(['caseRecords', `id-${i}`, 'kid', 1, [i % 3 ? 'K-1' : '研修-1']])));
    const moved = { sealed: messages[1]!.sealed, associatedData: messages[2]!.associatedData };
    const altered = { ...messages[3]!, sealed: messages[3]!.sealed.map((b, i) => (i === 30 ? b ^ 1 : b)) };
    const opened = openSealedTexts(sodium, key, [...messages, moved, altered, { sealed: new Uint8Array(39), associatedData: '' }]);
    expect(opened.slice(0, texts.length)).toEqual(texts);
    expect(opened.slice(texts.length)).toEqual([null, null, null]);
    expect(openSealedTexts(sodium, crypto.getRandomValues(new Uint8Array(32)), messages.slice(0, 5))).toEqual([null, null, null, null, null]);
  });

  test("sealing and opening leave nothing of the key or the plaintexts in libsodium's memory (the wrappers' decrypt leaves both)", async () => {
    const sodium = await loadSodium();
    const key = crypto.getRandomValues(new Uint8Array(32));
    const secret = `不開示-${crypto.randomUUID()}`;
    const messages = Array.from({ length: 50 }, (_, i) => sealText(sodium, key, JSON.stringify({ i, secret }), `ad-${i}`));
    // Where the needle's bytes sit in libsodium's memory.
    const copies = (needle: Uint8Array) => {
      const heap = sodiumModule(sodium).HEAPU8;
      const found: number[] = [];
      for (let at = heap.indexOf(needle[0]!); at !== -1; at = heap.indexOf(needle[0]!, at + 1))
        if (needle.every((byte, i) => heap[at + i] === byte)) found.push(at);
      return found;
    };
    const secretBytes = utf8.encode(secret);
    expect([copies(key), copies(secretBytes)]).toEqual([[], []]);
    expect(openSealedTexts(sodium, key, messages).every((text) => text?.includes(secret))).toBe(true);
    expect([copies(key), copies(secretBytes)]).toEqual([[], []]);
    // The check can fail: the wrappers' own decrypt copies the key and the plaintext in and frees them unwiped.
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, messages[0]!.sealed.subarray(24), 'ad-0', messages[0]!.sealed.subarray(0, 24), key);
    expect(copies(key).length).toBeGreaterThan(0);
    expect(copies(secretBytes).length).toBeGreaterThan(0);
  });
});
