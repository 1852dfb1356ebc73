import { useState, type FormEvent } from 'react';
import { populationSchema } from '../../../shared/settings/officeSettings';
import type { Population } from '../../services/officeFigures';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { DateInput, typedDay } from '../../ui/DateField';

/** The administrator enters the area's population (保護率の分母) and the date it is as of. */
export function PopulationForm({ current, onSaved }: { current: Population | null; onSaved: () => void }) {
  const services = useServices();
  const [count, setCount] = useState(current ? String(current.count) : '');
  const [asOf, setAsOf] = useState(current?.asOf ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const typed = count.normalize('NFKC').replace(/[,，]/g, '').trim();
    try {
      const parsed = populationSchema.safeParse({ count: typed === '' ? Number.NaN : Number(typed), asOf: typedDay('基準日', asOf) });
      if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '入力を確認してください');
      await services.officeFigures.setPopulation(parsed.data);
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Form onSubmit={submit} className="no-print" aria-labelledby="population-title">
      <h3 id="population-title">保護率の人口</h3>
      <label>
        人口 <input inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
      </label>{' '}
      <label htmlFor="population-as-of">基準日</label> <DateInput id="population-as-of" value={asOf} onChange={setAsOf} /> <button type="submit">保存</button>
      <FormAlert message={error} />
    </Form>
  );
}
