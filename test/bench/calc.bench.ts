// Benchmark: 一括認定 of 10,000 varied households (goal: under 1 s). Prints figures; it does not pass or fail.
import { recalc } from '../../shared/calc/recalc.js';

const municipalities = ['加須市', 'さいたま市', '川口市', '所沢市', '熊谷市', '越谷市', '久喜市', '長瀞町'];
const month = '2026-12';

function household(i: number) {
  const size = 1 + (i % 6) + (i % 97 === 0 ? 5 : 0);
  const members = Array.from({ length: size }, (_, j) => ({
    id: `m${j}`,
    birthDate: `${1940 + ((i * 7 + j * 13) % 85)}-${String(1 + ((i + j) % 12)).padStart(2, '0')}-15`,
    disability: (i + j) % 23 === 0 ? 'A' : null,
    school: j > 0 && (i + j) % 3 === 0 ? 'elementary' : null,
    careInsurancePremium: (i + j) % 17 === 0 ? 5800 : 0,
  }));
  return {
    caseId: `K-${i}`,
    municipality: municipalities[i % municipalities.length],
    singleParent: i % 5 === 0,
    members,
    housing: i % 4 === 0 ? null : { rent: 30000 + (i % 40) * 1000, floorAreaSqm: 5 + (i % 30) },
    incomes:
      i % 3 === 0
        ? [
            { memberId: 'm0', type: 'earned', gross: (i % 50) * 5000, expenses: Math.min(3000, (i % 50) * 5000) },
            { memberId: 'm0', type: 'temporary', amount: i % 12000 },
          ]
        : [],
  };
}

const households = Array.from({ length: 10_000 }, (_, i) => household(i));
recalc(households.slice(0, 200), month); // warm-up
const start = performance.now();
const summary = recalc(households, month);
const ms = Math.round(performance.now() - start);
console.log(`calc: recalculated ${summary.count} households for ${month} in ${ms} ms (${summary.succeeded} ok, ${summary.failed} invalid)`);
