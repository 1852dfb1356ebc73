import { Route, Routes } from 'react-router';
import { VisitAchievementScreen } from '../visits/VisitAchievementScreen';
import { CaseList } from './CaseList';
import { CaseScreen } from './CaseScreen';
import { NewCaseForm } from './NewCaseForm';
import { ReassignScreen } from './ReassignScreen';
import { CaseRecordDocument } from './CaseRecordDocument';
import { MedicalTicketDocument } from '../medicalTickets/MedicalTicketDocument';

/** The ケース一覧 area: the list, a new case, and one case by id (`#/cases/<id>`, also typed directly). */
export function CasesArea() {
  return (
    <Routes>
      <Route index element={<CaseList />} />
      <Route path="new" element={<NewCaseForm />} />
      <Route path="visits" element={<VisitAchievementScreen />} />
      <Route path="reassign" element={<ReassignScreen />} />
      <Route path=":id" element={<CaseScreen />} />
      <Route path=":id/tickets/:ticketId" element={<MedicalTicketDocument />} />
      <Route path=":id/records/:recordId" element={<CaseRecordDocument />} />
    </Routes>
  );
}
