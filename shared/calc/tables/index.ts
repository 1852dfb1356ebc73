import {
  boshiKasan,
  boshiSetaiKeikaKasan,
  hoshasenKasan,
  jidoYoikuKasan,
  jidoYoikuKeikaKasan,
  kaigoHokenryoKasan,
  kaigoShisetsuKasan,
  ninsanpuKasan,
  shogaishaKasan,
  zaitakuKanjaKasan,
} from './kasan.js';
import { advancementPreparationBenefit, employmentIndependenceCaps, employmentIndependenceMinimum, employmentIndependenceRate } from './ichijikin.js';
import { jutakuFloorAreaReduction, jutakuKijungaku, jutakuLimits, jutakuSpecialAllowance } from './jutakuFujo.js';
import { keikaKasan } from './keikaKasan.js';
import { kimatsuIchijiFujo } from './kimatsuIchijiFujo.js';
import { kisoKojo, rinjiShunyu, shinkiShuroKojo, under20Kojo } from './kinroKojo.js';
import { koutougakkouKihongaku, koutougakkouOtherItems, kyoikuFujoElementary, kyoikuFujoJuniorHigh } from './kyoikuFujo.js';
import { municipalities } from './municipalities.js';
import type { DatedTable } from './provenance.js';
import { rui1 } from './rui1.js';
import { rui2 } from './rui2.js';
import { teigenRitsu } from './teigenRitsu.js';
import { tokiChikuByPrefecture, tokiKasan } from './tokiKasan.js';
import { tokureiKasan } from './tokureiKasan.js';

/**
 * The whole set of standards the engine reads. It is passed in (not imported by the rules) so that a test, a
 * what-if screen or a future 基準改定 can run the same pure functions on other tables.
 */
export const standardTables = {
  rui1,
  rui2,
  teigenRitsu,
  keikaKasan,
  tokureiKasan,
  tokiKasan,
  tokiChikuByPrefecture,
  kimatsuIchijiFujo,
  shogaishaKasan,
  boshiKasan,
  jidoYoikuKasan,
  jidoYoikuKeikaKasan,
  boshiSetaiKeikaKasan,
  ninsanpuKasan,
  kaigoHokenryoKasan,
  zaitakuKanjaKasan,
  hoshasenKasan,
  kaigoShisetsuKasan,
  jutakuLimits,
  jutakuKijungaku,
  jutakuSpecialAllowance,
  jutakuFloorAreaReduction,
  kyoikuFujoElementary,
  kyoikuFujoJuniorHigh,
  koutougakkouKihongaku,
  koutougakkouOtherItems,
  kisoKojo,
  shinkiShuroKojo,
  under20Kojo,
  rinjiShunyu,
  municipalities,
  employmentIndependenceCaps,
  employmentIndependenceMinimum,
  employmentIndependenceRate,
  advancementPreparationBenefit,
} as const;

export type StandardTables = typeof standardTables;

export const allTables = (tables: StandardTables = standardTables): DatedTable<unknown>[] => Object.values(tables);
