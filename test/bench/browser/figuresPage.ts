import { runFiguresBench } from '../figures/figuresBench';
import { reportOutcome } from './benchOutcome';

/** The figures bench in Chromium (test/bench/figures-chromium.bench.ts). */
const params = new URLSearchParams(location.search);
reportOutcome(() => runFiguresBench(Number(params.get('households') ?? 10_000), Number(params.get('rounds') ?? 3)));
