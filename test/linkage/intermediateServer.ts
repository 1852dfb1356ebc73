import { cached } from '../../shared/collections/cached.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { z } from 'zod';
import { isoDateSchema } from '../../shared/casework/calendarDate.js';
import {
  bankAccountSchema,
  INCOMING_DIR,
  OUTGOING_DIR,
  requestRecordSchema,
  type LinkageBody,
  type Manifest,
  type RequestRecord,
  type ResultRecord,
} from '../../shared/linkage/exchangeFormat.js';
import { listExchanges, readExchange, writeExchange } from '../../main/linkage/exchangeFolder.js';
import { keyPairSigner, sealedBoxOpener, type NamedKey } from '../../main/linkage/exchangeSigner.js';

/**
 * A stand-in for the 団体内統合宛名システム and the 中間サーバー behind it, for the tests and the benchmark. It
 * reads the office's request exchanges from `<exchangeDir>/outgoing/`, verifies them exactly as the office's own
 * reader does (manifest, office, hash, count, Ed25519 signature with the office key, every line), and answers each
 * request exchange once with one signed result exchange in `<exchangeDir>/incoming/`, one result per record.
 *
 * What it holds (副本, 資格情報, 医療券 data, which exchanges it has answered, its own key pair) is persisted in a
 * JSON state file after every answered exchange, so a second instance over the same file carries on where the
 * first stopped and keeps the same public key (the office configures that key as its peer key).
 *
 * The registry (統合宛名) and the other agencies' data come from a fixture, by default fixtures/registry.json:
 * 宛名番号 1000000001–1000000006 are registered; every other number — e.g. anything starting with 9 — is absent.
 */

export const SIMULATOR_SENDER = '団体内統合宛名システム（シミュレータ）';

// ---------------------------------------------------------------------------------------------------- fixture

const labelledValue = z.object({ label: z.string().max(100), value: z.string().max(500) }).strict();

export const simulatorFixtureSchema = z
  .object({
    notes: z.array(z.string()).optional(),
    /** The inquiry items this 中間サーバー can answer, and who provides each (as in defaultLinkageItems). */
    inquiryItems: z.array(z.object({ code: z.string().min(1), provider: z.string().min(1) }).strict()),
    persons: z.array(
      z
        .object({
          atenaNumber: z.string().regex(/^[0-9]{1,20}$/),
          name: z.string().optional(),
          kana: z.string().min(1),
          birthDate: isoDateSchema,
          sex: z.enum(['male', 'female', 'other']),
          /** Per inquiry item code: what its provider holds for the person. */
          agencyData: z.record(z.string(), z.array(labelledValue)),
          /** The 公金受取口座 registered with デジタル庁, or null. */
          publicFundsAccount: bankAccountSchema.nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type SimulatorFixture = z.infer<typeof simulatorFixtureSchema>;
export type FixturePerson = SimulatorFixture['persons'][number];

let cachedFixture: SimulatorFixture | null = null;

/** fixtures/registry.json, validated (a fresh copy each call: callers may change theirs). */
export function defaultFixture(): SimulatorFixture {
  cachedFixture ??= simulatorFixtureSchema.parse(JSON.parse(readFileSync(new URL('./fixtures/registry.json', import.meta.url), 'utf8')));
  return structuredClone(cachedFixture);
}

// ------------------------------------------------------------------------------------------------------ state

type ReplicaBody = LinkageBody<'replicaRegistration'>;
type EligibilityBody = LinkageBody<'medicalEligibility'>;
type TicketBody = LinkageBody<'medicalTicketData'>;

/** One 副本 as the 中間サーバー holds it: keyed by (宛名番号, item, periodStart), with the body last registered. */
export interface ReplicaState {
  atenaNumber: string;
  item: string;
  periodStart: string;
  /** The register or correct body that last set it. */
  body: ReplicaBody;
  registeredAt: string;
  updatedAt: string;
  /** How many register/correct records have written it (1 after the first register). */
  revisions: number;
  requestRecordId: string;
  idempotencyKey: string;
}

export interface EligibilityState {
  registered: boolean;
  validFrom: string;
  validTo: string | null;
}

interface TicketState {
  idempotencyKey: string;
  requestRecordId: string;
  body: TicketBody;
}

interface ProcessedExchange {
  resultExchangeId: string;
  processedAt: string;
  records: number;
}

interface PersistedState {
  version: 1;
  keyPair: { publicKey: string; privateKey: string };
  processed: Record<string, ProcessedExchange>;
  replicas: ReplicaState[];
  eligibility: Record<string, EligibilityState[]>;
  tickets: Record<string, TicketState[]>;
  received: number;
  /** The office's signing key as last trusted (base64): the configured one, or the one it rotated to (README.md). */
  officeKey?: string;
  /** The decryption key the office's latest request named (replyTo), for results written outside processOutgoing. */
  replyTo?: { keyId: string; publicKey: string };
}

// ---------------------------------------------------------------------------------------------------- options

export interface SimulatorOptions {
  /** The office's exchange folder (holding outgoing/ and incoming/). */
  exchangeDir: string;
  /** Where replicas, eligibility, tickets, answered exchanges and the key pair persist (JSON). */
  stateFile: string;
  /** The office, and the public key its request exchanges are signed with. */
  office: { id: string; code: string | null; publicKey: Uint8Array };
  fixture?: SimulatorFixture;
  now?: () => Date;
}

export interface IntermediateServer {
  /** Base64 of the simulator's Ed25519 public key: the office's peerPublicKey. */
  publicKey: string;
  /** Answers every request exchange in outgoing/ not yet answered; throws (writing nothing) if one fails verification. */
  processOutgoing(): Promise<{ exchanges: string[]; results: ResultRecord[] }>;
  /**
   * Writes a result exchange with the given results, signed and sealed as processOutgoing does (to the decryption
   * key of the office's latest request): a peer answering twice, or answering what it was never sent.
   */
  writeResult(inReplyTo: string, results: ResultRecord[]): Promise<string>;
  /** The office signing key the simulator trusts now (base64). */
  officeKey(): string;
  replicaOf(atenaNumber: string): ReplicaState[];
  /** The latest 資格情報 registration of a person (by validFrom), or null. */
  eligibilityOf(atenaNumber: string): EligibilityState | null;
  /** Every registration of a person, oldest first. */
  eligibilityStretchesOf(atenaNumber: string): EligibilityState[];
  ticketsOf(atenaNumber: string): unknown[];
  /** Request records seen so far (over every instance sharing the state file). */
  received(): number;
}

// ---------------------------------------------------------------------------------------------------- helpers

const b64 = sodium.base64_variants.ORIGINAL;

/** Compare as the 住基 does after normalising width: NFKC, no whitespace at all (full- or half-width). */
const normalised = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '');

/** The date at the 中間サーバー (Japan, UTC+9 all year). */
const japanDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

const replicaKey = (atena: string, item: string, periodStart: string) => `${atena}\u0000${item}\u0000${periodStart}`;

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify(value), 'utf8');
  await rename(temporary, path);
}

type Outcome = { outcome: 'accepted' } | { outcome: 'rejected'; reasonCode: string; reason: string } | { outcome: 'answered'; answer: unknown };

const rejected = (reasonCode: string, reason: string): Outcome => ({ outcome: 'rejected', reasonCode, reason });
const accepted: Outcome = { outcome: 'accepted' };

const ATENA_UNKNOWN = () => rejected('ATENA_UNKNOWN', '宛名番号が団体内統合宛名システムに登録されていません');

// ----------------------------------------------------------------------------------------------------- server

export async function createIntermediateServer(options: SimulatorOptions): Promise<IntermediateServer> {
  await sodium.ready;
  const fixture = options.fixture ? simulatorFixtureSchema.parse(options.fixture) : defaultFixture();
  const now = options.now ?? (() => new Date());
  const outgoingDir = join(options.exchangeDir, OUTGOING_DIR);
  const incomingDir = join(options.exchangeDir, INCOMING_DIR);

  const persons = new Map(fixture.persons.map((person) => [person.atenaNumber, person]));
  const inquiryProviders = new Map(fixture.inquiryItems.map((item) => [item.code, item.provider]));

  // --- load or start the state
  let keyPair: { publicKey: Uint8Array; privateKey: Uint8Array };
  let processed: Record<string, ProcessedExchange> = {};
  const replicas = new Map<string, Map<string, ReplicaState>>(); // atena → key → replica
  let eligibility: Record<string, EligibilityState[]> = {}; // atena → registrations, one per validFrom
  const tickets = new Map<string, Map<string, TicketState>>(); // atena → idempotencyKey → ticket
  let received = 0;
  let officeKey = options.office.publicKey;
  let replyTo: NamedKey | null = null;

  if (existsSync(options.stateFile)) {
    const state = JSON.parse(await readFile(options.stateFile, 'utf8')) as PersistedState;
    if (state.version !== 1) throw new Error(`シミュレータの状態ファイルの版が違います: ${String(state.version)}`);
    keyPair = { publicKey: sodium.from_base64(state.keyPair.publicKey, b64), privateKey: sodium.from_base64(state.keyPair.privateKey, b64) };
    processed = state.processed;
    for (const replica of state.replicas)
      atenaMap(replicas, replica.atenaNumber).set(replicaKey(replica.atenaNumber, replica.item, replica.periodStart), replica);
    eligibility = state.eligibility;
    for (const [atena, list] of Object.entries(state.tickets)) tickets.set(atena, new Map(list.map((t) => [t.idempotencyKey, t])));
    received = state.received;
    if (state.officeKey) officeKey = sodium.from_base64(state.officeKey, b64);
    if (state.replyTo) replyTo = { keyId: state.replyTo.keyId, publicKey: sodium.from_base64(state.replyTo.publicKey, b64) };
  } else {
    const generated = sodium.crypto_sign_keypair();
    keyPair = { publicKey: generated.publicKey, privateKey: generated.privateKey };
  }
  const signer = keyPairSigner(sodium, keyPair);
  const opener = sealedBoxOpener(sodium, keyPair);

  const persist = () =>
    writeJsonAtomically(options.stateFile, {
      version: 1,
      keyPair: { publicKey: sodium.to_base64(keyPair.publicKey, b64), privateKey: sodium.to_base64(keyPair.privateKey, b64) },
      processed,
      replicas: [...replicas.values()].flatMap((byKey) => [...byKey.values()]),
      eligibility,
      tickets: Object.fromEntries([...tickets].map(([atena, byKey]) => [atena, [...byKey.values()]])),
      received,
      officeKey: sodium.to_base64(officeKey, b64),
      ...(replyTo && { replyTo: { keyId: replyTo.keyId, publicKey: sodium.to_base64(replyTo.publicKey, b64) } }),
    } satisfies PersistedState);
  if (!existsSync(options.stateFile)) await persist(); // so a second instance shares the key from the start

  // --- one record
  function replicaRegistration(body: ReplicaBody, record: RequestRecord, at: string): Outcome {
    if (!persons.has(body.atenaNumber)) return ATENA_UNKNOWN();
    if (body.item !== 'seikatsuHogo') return rejected('UNKNOWN_ITEM', '副本登録できない情報項目です（生活保護関係情報 seikatsuHogo のみ）');
    const byKey = atenaMap(replicas, body.atenaNumber);
    const key = replicaKey(body.atenaNumber, body.item, body.periodStart);
    const existing = byKey.get(key);
    if (body.event === 'delete') {
      if (!existing) return rejected('NO_SUCH_REPLICA', '削除対象の副本が登録されていません');
      byKey.delete(key);
      return accepted;
    }
    if (body.event === 'correct' && !existing) return rejected('NO_SUCH_REPLICA', '訂正対象の副本が登録されていません');
    byKey.set(key, {
      atenaNumber: body.atenaNumber,
      item: body.item,
      periodStart: body.periodStart,
      body,
      registeredAt: existing?.registeredAt ?? at,
      updatedAt: at,
      revisions: (existing?.revisions ?? 0) + 1,
      requestRecordId: record.recordId,
      idempotencyKey: record.idempotencyKey,
    });
    return accepted;
  }

  function medicalEligibility(body: EligibilityBody): Outcome {
    const person = persons.get(body.atenaNumber);
    if (!person) return ATENA_UNKNOWN();
    if (normalised(person.kana) !== normalised(body.kana) || normalised(person.birthDate) !== normalised(body.birthDate)) {
      return rejected('IDENTITY_MISMATCH', '本人確認情報（カナ氏名・生年月日）が住民基本台帳と一致しません。確認のうえ訂正してください');
    }
    // Keyed by (宛名番号, validFrom): lifting a 停止 registers a new stretch beside the ended one.
    const registrations = eligibility[body.atenaNumber] ?? [];
    eligibility[body.atenaNumber] = registrations;
    const current = registrations.find((r) => r.validFrom === body.validFrom);
    if (body.event === 'register') {
      if (current) Object.assign(current, { registered: true, validTo: body.validTo });
      else registrations.push({ registered: true, validFrom: body.validFrom, validTo: body.validTo });
      return accepted;
    }
    if (!current?.registered) return rejected('NOT_REGISTERED', '資格情報が登録されていません');
    if (body.event === 'cancel') registrations.splice(registrations.indexOf(current), 1);
    else current.validTo = body.validTo ?? japanDate(now());
    return accepted;
  }

  function medicalTicketData(body: TicketBody, record: RequestRecord): Outcome {
    const covered = (eligibility[body.atenaNumber] ?? []).some(
      (r) => r.registered && r.validFrom.slice(0, 7) <= body.month && (r.validTo === null || body.month <= r.validTo.slice(0, 7)),
    );
    if (!covered) return rejected('NOT_REGISTERED', '資格情報が未登録のため医療券情報を登録できません');
    atenaMap(tickets, body.atenaNumber).set(record.idempotencyKey, { idempotencyKey: record.idempotencyKey, requestRecordId: record.recordId, body });
    return accepted;
  }

  function inquiry(body: LinkageBody<'inquiry'>, answeredOn: string): Outcome {
    const person = persons.get(body.atenaNumber);
    if (!person) return ATENA_UNKNOWN();
    const provider = inquiryProviders.get(body.item);
    if (provider === undefined || normalised(provider) !== normalised(body.provider)) return rejected('UNKNOWN_ITEM', '照会できない情報項目です');
    const items = person.agencyData[body.item] ?? [];
    return { outcome: 'answered', answer: { provider, answeredOn, found: items.length > 0, items: items.map((i) => ({ ...i })) } };
  }

  function publicFundsAccount(body: LinkageBody<'publicFundsAccount'>, answeredOn: string): Outcome {
    const person = persons.get(body.atenaNumber);
    if (!person) return ATENA_UNKNOWN();
    return { outcome: 'answered', answer: { answeredOn, account: person.publicFundsAccount ? { ...person.publicFundsAccount } : null } };
  }

  function answer(record: RequestRecord, at: string, answeredOn: string): Outcome {
    switch (record.kind) {
      case 'replicaRegistration':
        return replicaRegistration(record.body, record, at);
      case 'medicalEligibility':
        return medicalEligibility(record.body);
      case 'medicalTicketData':
        return medicalTicketData(record.body, record);
      case 'inquiry':
        return inquiry(record.body, answeredOn);
      case 'publicFundsAccount':
        return publicFundsAccount(record.body, answeredOn);
    }
  }

  // --- exchanges
  async function pendingExchanges(): Promise<{ folder: string; manifest: Manifest; records: RequestRecord[] }[]> {
    if (!existsSync(outgoingDir)) return [];
    const listed = await listExchanges(outgoingDir);
    const pending: { folder: string; manifest: Manifest; records: RequestRecord[] }[] = [];
    // Every pending exchange is verified before any is answered: one bad file and nothing is written.
    for (const entry of listed) {
      const folder = isAbsolute(entry.folder) ? entry.folder : join(outgoingDir, entry.folder);
      const id = entry.manifest?.exchangeId ?? basename(folder);
      if (Object.hasOwn(processed, id) || Object.hasOwn(processed, basename(folder))) continue;
      // A request signed by a new office key that the trusted one endorses announces a rotation (README.md).
      const read = await readExchange(folder, {
        direction: 'request',
        officeId: options.office.id,
        publicKey: officeKey,
        recordSchema: requestRecordSchema,
        openers: [opener],
        acceptEndorsed: true,
      });
      if (Object.hasOwn(processed, read.manifest.exchangeId)) continue;
      if (!read.manifest.replyTo) throw new Error(`依頼 ${read.manifest.exchangeId} に replyTo（結果の暗号化先）がありません`);
      pending.push({ folder, ...read });
    }
    const order = (m: Manifest) => m.seqRange?.from ?? Number.MAX_SAFE_INTEGER;
    return pending.sort(
      (a, b) => order(a.manifest) - order(b.manifest) || a.manifest.createdAt.localeCompare(b.manifest.createdAt) || a.folder.localeCompare(b.folder),
    );
  }

  async function processOutgoingNow(): Promise<{ exchanges: string[]; results: ResultRecord[] }> {
    const pending = await pendingExchanges();
    const exchanges: string[] = [];
    const allResults: ResultRecord[] = [];
    for (const { manifest, records } of pending) {
      const at = now();
      const processedAt = at.toISOString();
      const answeredOn = japanDate(at);
      const resultExchangeId = randomUUID();
      // Seq order, so a ticket after its eligibility in the same file finds it (a stable sort keeps file order on ties).
      const ordered = records.map((record, index) => ({ record, index })).sort((a, b) => a.record.seq - b.record.seq || a.index - b.index);
      const results = ordered.map(({ record }, n): ResultRecord => {
        const outcome = answer(record, processedAt, answeredOn);
        return {
          resultId: `${resultExchangeId}-${n + 1}`,
          requestRecordId: record.recordId,
          idempotencyKey: record.idempotencyKey,
          processedAt,
          kind: record.kind,
          ...outcome,
        } as ResultRecord;
      });
      // The office's key in force is the one that signed its latest request; results go to the key it named.
      officeKey = new Uint8Array(Buffer.from(manifest.signature.publicKey, 'base64'));
      replyTo = { keyId: manifest.replyTo!.keyId, publicKey: new Uint8Array(Buffer.from(manifest.replyTo!.publicKey, 'base64')) };
      await writeResultExchange(resultExchangeId, manifest.exchangeId, results, processedAt);
      processed[manifest.exchangeId] = { resultExchangeId, processedAt, records: records.length };
      received += records.length;
      await persist();
      exchanges.push(manifest.exchangeId);
      for (const result of results) allResults.push(result);
    }
    return { exchanges, results: allResults };
  }

  async function writeResultExchange(exchangeId: string, inReplyTo: string, results: ResultRecord[], createdAt: string): Promise<void> {
    if (!replyTo) throw new Error('事務所の暗号化鍵（replyTo）をまだ受け取っていません');
    await mkdir(incomingDir, { recursive: true });
    await writeExchange(incomingDir, {
      direction: 'result',
      exchangeId,
      inReplyTo,
      office: { id: options.office.id, code: options.office.code },
      sender: SIMULATOR_SENDER,
      createdAt,
      records: results,
      seqRange: null,
      signer,
      // As the office seals its requests to us, we seal the results to the decryption key its request named.
      sealTo: replyTo,
    });
  }

  // One at a time: two overlapping calls must not answer the same exchange twice.
  let queue: Promise<unknown> = Promise.resolve();
  const processOutgoing = () => {
    const run = queue.then(processOutgoingNow);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    publicKey: sodium.to_base64(keyPair.publicKey, b64),
    processOutgoing,
    async writeResult(inReplyTo, results) {
      const exchangeId = randomUUID();
      await writeResultExchange(exchangeId, inReplyTo, results, now().toISOString());
      return exchangeId;
    },
    officeKey: () => sodium.to_base64(officeKey, b64),
    replicaOf: (atena) =>
      [...(replicas.get(atena)?.values() ?? [])]
        .sort((a, b) => a.item.localeCompare(b.item) || a.periodStart.localeCompare(b.periodStart))
        .map((replica) => structuredClone(replica)),
    eligibilityOf: (atena) => {
      const latest = [...(eligibility[atena] ?? [])].sort((a, b) => a.validFrom.localeCompare(b.validFrom)).at(-1);
      return latest ? { ...latest } : null;
    },
    eligibilityStretchesOf: (atena) => (eligibility[atena] ?? []).map((r) => ({ ...r })).sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
    ticketsOf: (atena) => [...(tickets.get(atena)?.values() ?? [])].map((ticket) => structuredClone(ticket.body)),
    received: () => received,
  };
}

function atenaMap<V>(outer: Map<string, Map<string, V>>, atena: string): Map<string, V> {
  return cached(outer, atena, () => new Map<string, V>());
}
