import { useState, type FormEvent } from 'react';
import { annualSurveyLayout } from '../../../shared/figures/annualSurvey';
import { useServices } from '../../session/SessionProvider';
import { DateInput, typedDay } from '../../ui/DateField';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { download } from '../audit/auditFiles';

/** 年次調査: the household and person records as of a survey day, pseudonymous (no 個人番号, name or address). */
export function AnnualSurveyExport() {
  const services = useServices();
  const [day, setDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const surveyDay = typedDay('調査日', day);
      if (surveyDay === '') return setError('調査日を入力してください');
      download(`年次調査-${surveyDay}.csv`, await services.officeFigures.annualSurveyCsv(surveyDay), 'text/csv');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Form onSubmit={submit} className="no-print" aria-labelledby="annual-survey-title">
      <h3 id="annual-survey-title">年次調査（個別調査）の出力</h3>
      <p>
        調査日に保護中・停止中の世帯と世帯員の記録を出力します。個人番号・氏名・住所・ケース番号・生年月日は含まず、世帯と個人は本事務所のデータ鍵による仮名キー（年をまたいで同じ人は同じキー）で表します。
        {annualSurveyLayout.unverified}
      </p>
      <label htmlFor="annual-survey-day">調査日</label> <DateInput id="annual-survey-day" value={day} onChange={setDay} />{' '}
      <button type="submit">年次調査CSV出力</button>
      <FormAlert message={error} />
    </Form>
  );
}
