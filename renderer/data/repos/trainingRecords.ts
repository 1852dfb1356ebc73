import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { trainingInputSchema, type TrainingRecord } from '../../../shared/pia/records.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError, isDamaged } from '../errors.js';
import { validRecord } from '../validation.js';
import { notAfterToday, privacyLedger } from './privacyLedger.js';

/** 教育・啓発 (the PIA's IV 9): who took which training, when, given by whom. */
export function trainingRecordsRepository(store: DataStore) {
  const ledger = privacyLedger(store, 'trainingRecords');
  return {
    list: ledger.list,
    async record(session: Session, input: unknown): Promise<TrainingRecord> {
      const training = validRecord(trainingInputSchema, input);
      notAfterToday(training.heldOn, ledger.today(), 'heldOn');
      return ledger.write(
        session,
        { ...training, id: uuidv7(), recordedBy: session.userId },
        {
          kind: 'create',
          fields: Object.keys(training),
          reads: ['users'],
          check: async () => {
            const user = await store.db.users.get(training.userId);
            if (!user || isDamaged(user)) throw new InvalidRecordError('userId', 'この職員は職員名簿にありません');
          },
        },
      );
    },
  };
}
