import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { incidentInputSchema, type Incident } from '../../../shared/pia/records.js';
import { assertTableAccess } from '../access.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { validRecord } from '../validation.js';
import { notAfterToday, privacyLedger } from './privacyLedger.js';

/** What an incident shows of the device it names: a lost laptop and whether (and when, why) it was revoked. */
export type IncidentDevice = { id: string; name: string; status: 'active' | 'revoked'; revokedAt: string | null; revokedReason: string | null };

export type IncidentLine = Incident & { device: IncidentDevice | null };

/**
 * 漏えい等事案: recorded with the people and data concerned and the device, its 速報 and 確報 to the 個人情報保護委員会
 * (due dates from shared/pia/incidentReports.ts, computed where shown), and its closure. A serious one feeds the
 * しきい値判断 for a year (piaAssessment.ts).
 */
export function incidentsRepository(store: DataStore) {
  const ledger = privacyLedger(store, 'incidents');

  const device = async (id: string): Promise<IncidentDevice | null> => {
    const row = await store.db.devices.get(id);
    if (!row || isDamaged(row)) return null;
    return { id, name: row.name, status: row.status, revokedAt: row.revoked?.at ?? null, revokedReason: row.revoked?.reason ?? null };
  };

  return {
    /** Each incident with the device it names as the registry holds it now (revoked since, or not). */
    async list(session: Session): Promise<(IncidentLine | DamagedRecord)[]> {
      const rows = await ledger.list(session);
      return Promise.all(rows.map(async (row) => (isDamaged(row) ? row : { ...row, device: row.deviceId ? await device(row.deviceId) : null })));
    },

    /** The devices an incident may name (the registry, staff equipment: no personal data). */
    async devices(session: Session): Promise<IncidentDevice[]> {
      assertTableAccess(store, session, 'incidents', 'write');
      const ids = await store.db.devices.toCollection().primaryKeys();
      return (await Promise.all(ids.map(device))).filter((d): d is IncidentDevice => d !== null);
    },

    async record(session: Session, input: unknown): Promise<Incident> {
      const incident = validRecord(incidentInputSchema, input);
      const today = ledger.today();
      notAfterToday(incident.foundOn, today, 'foundOn');
      if (incident.occurredOn && incident.occurredOn > incident.foundOn) throw new InvalidRecordError('occurredOn', '発生日が発覚日より後になっています');
      const row: Incident = { ...incident, id: uuidv7(), preliminarySentOn: null, finalSentOn: null, closedOn: null, recordedBy: session.userId };
      return ledger.write(session, row, {
        kind: 'create',
        fields: Object.keys(incident),
        reads: ['devices'],
        check: async () => {
          if (incident.deviceId && !(await device(incident.deviceId))) throw new InvalidRecordError('deviceId', 'この端末は端末台帳にありません');
        },
      });
    },

    /** The 速報 or 確報 was sent on `sentOn` (a 確報 after its 速報). */
    async reportSent(session: Session, id: string, which: 'preliminary' | 'final', sentOn: string): Promise<Incident> {
      const before = await ledger.stored(session, id);
      const field = which === 'preliminary' ? 'preliminarySentOn' : 'finalSentOn';
      if (sentOn < before.foundOn) throw new InvalidRecordError(field, '報告日が発覚日より前になっています');
      notAfterToday(sentOn, ledger.today(), field);
      if (which === 'final' && !before.preliminarySentOn) throw new InvalidRecordError(field, '確報の前に速報の送付を記録してください');
      return ledger.write(session, { ...before, [field]: sentOn }, { kind: 'update', fields: [field] });
    },

    async close(session: Session, id: string, closedOn: string): Promise<Incident> {
      const before = await ledger.stored(session, id);
      if (before.closedOn) throw new InvalidRecordError('closedOn', 'この事案はすでに終結しています');
      if (closedOn < before.foundOn) throw new InvalidRecordError('closedOn', '終結日が発覚日より前になっています');
      notAfterToday(closedOn, ledger.today(), 'closedOn');
      return ledger.write(session, { ...before, closedOn }, { kind: 'update', fields: ['closedOn'] });
    },
  };
}
