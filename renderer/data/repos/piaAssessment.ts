import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assessmentInputSchema, type PiaAssessment } from '../../../shared/pia/records.js';
import type { ThresholdFigures } from '../../../shared/pia/thresholds.js';
import { assertTableAccess, roleReachesMyNumber } from '../access.js';
import type { DataStore } from '../db.js';
import { isDamaged } from '../errors.js';
import { validRecord } from '../validation.js';
import { notAfterToday, privacyLedger } from './privacyLedger.js';

/**
 * The office's 特定個人情報保護評価 as filed (its entries are data the office edits), and the live figures of the
 * しきい値判断 from this database: the judgement itself is shared/pia/thresholds.ts.
 */
export function piaAssessmentRepository(store: DataStore) {
  const ledger = privacyLedger(store, 'piaAssessment');
  return {
    list: ledger.list,

    /** A newly filed (or re-filed) assessment: the latest 提出日 is the office's current one. */
    async file(session: Session, input: unknown): Promise<PiaAssessment> {
      const assessment = validRecord(assessmentInputSchema, input);
      notAfterToday(assessment.filedOn, ledger.today(), 'filedOn');
      return ledger.write(session, { ...assessment, id: uuidv7(), recordedBy: session.userId }, { kind: 'create', fields: Object.keys(assessment) });
    },

    /**
     * 対象人数: the distinct 個人番号 this database holds (members opened one by one; a number is compared, never
     * returned). 取扱者数: active accounts whose role reaches 個人番号 (access.ts). The serious incidents' dates. On
     * the hub this is the office; on another device, what that device holds.
     */
    async figures(session: Session): Promise<ThresholdFigures> {
      assertTableAccess(store, session, 'piaAssessment', 'read');
      const { db } = store;
      return db.transaction('r', [db.members, db.users, db.incidents], async () => {
        const numbers = new Set<string>();
        for (const member of await db.members.toArray()) if (!isDamaged(member) && member.myNumber) numbers.add(member.myNumber);
        const users = await db.users.toArray();
        const handlers = users.filter((user) => !isDamaged(user) && user.status === 'active' && roleReachesMyNumber(user.role)).length;
        const incidents = await db.incidents.toArray();
        const seriousIncidentDates = incidents.flatMap((incident) =>
          !isDamaged(incident) && incident.serious ? [incident.occurredOn ?? incident.foundOn] : [],
        );
        return { countedOn: ledger.today(), subjects: numbers.size, handlers, seriousIncidentDates };
      });
    },
  };
}
