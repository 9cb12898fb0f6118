import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AGENCY_KINDS, FIELD_CODES, LOCAL_FIELDS } from '../agencies/index.ts';
import { REPORT_KINDS, type ReportKind } from '../calendar/index.ts';
import type { UnitRef } from '../units/index.ts';
import {
  checkRoutingRules,
  chooseReceivingAgency,
  defaultRoutingRules,
  describeRule,
  orderRules,
  type RoutingAgency,
  type RoutingRequest,
  type RoutingRule,
  type RoutingRuleSpec,
} from './routing.ts';

const V = '2025-07';
const CITY: UnitRef = { version: V, code: '01' };
const HOAN_KIEM: UnitRef = { version: V, code: '00070' };
const BA_DINH: UnitRef = { version: V, code: '00004' };

const agency = (a: Partial<RoutingAgency> & Pick<RoutingAgency, 'id' | 'kind'>): RoutingAgency => ({
  code: a.id,
  name: a.id,
  level: a.kind === 'commune_committee' ? 'commune' : a.kind === 'district_committee' ? 'district' : 'city',
  active: true,
  fields: [],
  jurisdiction: [CITY],
  ...a,
});

const CENTER = agency({ id: 'trung-tam', name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội', kind: 'center', fields: ['thu_tuc_hanh_chinh'] });
const CONG_THUONG = agency({ id: 'so-cong-thuong', name: 'Sở Công Thương', kind: 'department', fields: ['cong_thuong', 'dien'] });
const EVN = agency({ id: 'evnhanoi', name: 'Tổng công ty Điện lực TP Hà Nội', kind: 'public_service', fields: ['dien'] });
const XAY_DUNG = agency({ id: 'so-xay-dung', name: 'Sở Xây dựng', kind: 'department', fields: ['giao_thong', 'nuoc', 'ha_tang_do_thi'] });
const URENCO = agency({ id: 'urenco', name: 'URENCO', kind: 'public_service', fields: ['ve_sinh_moi_truong'] });
const UBND_HK = agency({ id: 'ubnd-phuong-hoan-kiem', name: 'Ủy ban nhân dân Phường Hoàn Kiếm', kind: 'commune_committee', fields: [...LOCAL_FIELDS], jurisdiction: [HOAN_KIEM] });
const UBND_BD = agency({ id: 'ubnd-phuong-ba-dinh', name: 'Ủy ban nhân dân Phường Ba Đình', kind: 'commune_committee', fields: [...LOCAL_FIELDS], jurisdiction: [BA_DINH] });
const OLD_DISTRICT = agency({
  id: 'ubnd-quan-hoan-kiem',
  kind: 'district_committee',
  active: false,
  fields: [...LOCAL_FIELDS],
  jurisdiction: [{ version: '2025-01', code: '002' }],
});
const AGENCIES = [CENTER, CONG_THUONG, EVN, XAY_DUNG, URENCO, UBND_HK, UBND_BD, OLD_DISTRICT];

const at = (unit: UnitRef | null): UnitRef[] => (unit ? [unit, CITY] : []);
const request = (kind: ReportKind, field: string, place: UnitRef | null = HOAN_KIEM, categoryCode = 'danh-muc'): RoutingRequest => ({
  kind,
  categoryCode,
  field,
  place: at(place),
});
const rule = (r: Partial<RoutingRule> & Pick<RoutingRule, 'id' | 'target'>): RoutingRule => ({
  position: 1,
  priority: 0,
  kind: null,
  categoryCode: null,
  field: null,
  unit: null,
  agencyId: null,
  note: '',
  ...r,
});

test('R-9 with no rules an initiative goes to the Center, whatever its field and place', () => {
  const d = chooseReceivingAgency([], request('initiative', 'trat_tu_do_thi'), AGENCIES);
  assert.equal(d?.agency.id, CENTER.id);
  assert.equal(d?.fallback, 'initiative');
  assert.equal(d?.rule, null);
  assert.match(d?.explanation ?? '', /^Mặc định \(R-9\)/);
});

test('R-5.9 with no rules a field of commune competence goes to the People’s Committee of the place', () => {
  const d = chooseReceivingAgency([], request('field_report', 'ha_tang_do_thi'), AGENCIES);
  assert.equal(d?.agency.name, 'Ủy ban nhân dân Phường Hoàn Kiếm');
  assert.equal(d?.fallback, 'local_field');
  assert.match(d?.explanation ?? '', /Hạ tầng đô thị.*Phường Hoàn Kiếm/);
  assert.equal(chooseReceivingAgency([], request('field_report', 'giao_thong', BA_DINH), AGENCIES)?.agency.id, UBND_BD.id);
});

test('R-5.10 with no rules a city field goes to the department with that field, before a company with it', () => {
  const d = chooseReceivingAgency([], request('field_report', 'dien'), AGENCIES);
  assert.equal(d?.agency.id, CONG_THUONG.id);
  assert.equal(d?.fallback, 'city_field');
  const withoutDepartment = AGENCIES.map((a) => (a.id === CONG_THUONG.id ? { ...a, active: false } : a));
  assert.equal(chooseReceivingAgency([], request('field_report', 'dien'), withoutDepartment)?.agency.id, EVN.id, 'an inactive department is passed over');
});

test('R-7.2 what cannot be resolved goes to the Center: no place, no committee, an unknown field', () => {
  for (const [req, why] of [
    [request('field_report', 'trat_tu_do_thi', null), 'a local field without a place'],
    [request('field_report', 'trat_tu_do_thi', { version: V, code: '99999' }), 'a place without a committee'],
    [request('investor_feedback', 'tai_chinh'), 'a city field no agency holds'],
    [request('field_report', 'linh_vuc_da_bo'), 'a field dropped from the list'],
  ] as const) {
    const d = chooseReceivingAgency([], req, AGENCIES);
    assert.equal(d?.agency.id, CENTER.id, why);
    assert.equal(d?.fallback, 'center', why);
  }
  assert.equal(chooseReceivingAgency([], request('field_report', 'linh_vuc_da_bo'), [UBND_HK]), null, 'no Center, nothing decides');
});

test('R-6 R-7 a matching rule decides before the defaults; its number and note are cited for the officer', () => {
  const rules = [rule({ id: 'r1', position: 4, priority: 50, field: 've_sinh_moi_truong', target: 'agency', agencyId: URENCO.id, note: 'Thu gom rác do công ty môi trường' })];
  const d = chooseReceivingAgency(rules, request('field_report', 've_sinh_moi_truong'), AGENCIES);
  assert.equal(d?.agency.id, URENCO.id);
  assert.equal(d?.rule?.id, 'r1');
  assert.equal(d?.fallback, null);
  assert.equal(d?.explanation, 'Quy tắc #4 (ưu tiên 50): lĩnh vực: Vệ sinh môi trường → URENCO — Thu gom rác do công ty môi trường');
});

test('R-28.1 an administrator’s rule for one commune overrides the default there only', () => {
  const rules = [
    rule({ id: 'default', position: 2, priority: 10, field: 've_sinh_moi_truong', target: 'commune_of_place' }),
    rule({ id: 'hoan-kiem', position: 1, priority: 10, field: 've_sinh_moi_truong', unit: HOAN_KIEM, target: 'agency', agencyId: URENCO.id }),
  ];
  assert.equal(chooseReceivingAgency(rules, request('field_report', 've_sinh_moi_truong', HOAN_KIEM), AGENCIES)?.rule?.id, 'hoan-kiem');
  const elsewhere = chooseReceivingAgency(rules, request('field_report', 've_sinh_moi_truong', BA_DINH), AGENCIES);
  assert.equal(elsewhere?.rule?.id, 'default');
  assert.equal(elsewhere?.agency.id, UBND_BD.id);
  assert.match(elsewhere?.explanation ?? '', /UBND cấp xã nơi xảy ra \(Ủy ban nhân dân Phường Ba Đình\)/);
});

test('R-6 order of rules: priority first, then the more specific rule, then the administrator’s order', () => {
  const general = rule({ id: 'general', position: 1, priority: 20, target: 'agency', agencyId: CENTER.id });
  const specific = rule({ id: 'specific', position: 2, priority: 10, kind: 'field_report', field: 'dien', unit: HOAN_KIEM, target: 'agency', agencyId: EVN.id });
  const req = request('field_report', 'dien');
  assert.equal(chooseReceivingAgency([specific, general], req, AGENCIES)?.rule?.id, 'general', 'a higher priority wins over specificity');
  assert.equal(chooseReceivingAgency([general, { ...specific, priority: 20 }], req, AGENCIES)?.rule?.id, 'specific', 'equal priority: more conditions win');
  const first = rule({ id: 'first', position: 1, priority: 5, field: 'dien', target: 'agency', agencyId: EVN.id });
  const second = rule({ id: 'second', position: 2, priority: 5, kind: 'field_report', target: 'agency', agencyId: CONG_THUONG.id });
  assert.equal(chooseReceivingAgency([second, first], req, AGENCIES)?.rule?.id, 'first', 'a full tie: the administrator’s order');
  assert.deepEqual(orderRules([second, first, general]).map((r) => r.id), ['general', 'first', 'second']);
});

test('R-7 a rule whose target cannot receive is passed over: an inactive agency, no place, no committee', () => {
  const rules = [
    rule({ id: 'inactive', position: 1, priority: 30, target: 'agency', agencyId: OLD_DISTRICT.id }),
    rule({ id: 'missing', position: 2, priority: 30, target: 'agency', agencyId: 'khong-co' }),
    rule({ id: 'commune', position: 3, priority: 20, target: 'commune_of_place' }),
    rule({ id: 'last', position: 4, priority: 10, target: 'agency', agencyId: XAY_DUNG.id }),
  ];
  assert.equal(chooseReceivingAgency(rules, request('field_report', 'giao_thong'), AGENCIES)?.rule?.id, 'commune');
  assert.equal(chooseReceivingAgency(rules, request('field_report', 'giao_thong', null), AGENCIES)?.rule?.id, 'last');
});

test('R-28.1 a unit condition matches places inside that unit (the city holds every commune)', () => {
  const rules = [
    rule({ id: 'city', unit: CITY, target: 'agency', agencyId: XAY_DUNG.id }),
    rule({ id: 'ba-dinh', position: 2, priority: 1, unit: BA_DINH, target: 'agency', agencyId: EVN.id }),
  ];
  assert.equal(chooseReceivingAgency(rules, request('field_report', 'giao_thong', HOAN_KIEM), AGENCIES)?.rule?.id, 'city');
  assert.equal(chooseReceivingAgency(rules, request('field_report', 'giao_thong', BA_DINH), AGENCIES)?.rule?.id, 'ba-dinh');
  assert.equal(chooseReceivingAgency(rules, request('field_report', 'giao_thong', null), AGENCIES)?.fallback, 'center');
});

test('R-5.9 R-5.10 R-9 the seeded default rules give the same answer as no rules at all, for every kind, field and place', () => {
  const defaults = defaultRoutingRules(AGENCIES).map((r, i): RoutingRule => ({ ...r, id: `d${i}`, position: i + 1 }));
  assert.equal(defaults[0]?.kind, 'initiative');
  assert.equal(defaults.at(-1)?.priority, 0, 'the catch-all is tried last');
  assert.equal(defaults.find((r) => r.field === 'dien')?.agencyId, CONG_THUONG.id);
  assert.equal(defaults.find((r) => r.field === 'trat_tu_do_thi')?.target, 'commune_of_place');
  for (const kind of REPORT_KINDS)
    for (const field of FIELD_CODES)
      for (const place of [HOAN_KIEM, BA_DINH, null, { version: V, code: '99999' }]) {
        const req = request(kind, field, place);
        assert.equal(chooseReceivingAgency(defaults, req, AGENCIES)?.agency.id, chooseReceivingAgency([], req, AGENCIES)?.agency.id, `${kind} ${field} ${place?.code}`);
      }
});

test('R-28.1 a list of rules is checked as a whole; every bad field is named; the result is in evaluation order', () => {
  const ok = checkRoutingRules([
    { priority: 0, target: 'agency', agencyId: 'a', note: '  Trung   tâm ' },
    { priority: 100, kind: 'initiative', target: 'agency', agencyId: 'a' },
    { priority: 10, field: 'trat_tu_do_thi', unit: HOAN_KIEM, target: 'commune_of_place' },
  ]);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value.map((r) => r.priority), [100, 10, 0]);
  assert.equal(ok.value[2]?.note, 'Trung tâm');
  const bad = checkRoutingRules([
    { priority: -1, kind: 'complaint', target: 'agency' },
    { priority: 10, field: 'khong_co', categoryCode: 'Ổ gà', target: 'commune_of_place', agencyId: 'a' },
    { priority: 5, target: 'somewhere' },
    { priority: 10, field: 'giao_thong', target: 'commune_of_place' },
    { priority: 90, field: 'giao_thong', target: 'commune_of_place' },
  ]);
  assert.deepEqual(!bad.ok && bad.problems.map((p) => p.field), [
    'body.rules.0.priority',
    'body.rules.0.kind',
    'body.rules.0.agencyId',
    'body.rules.1.categoryCode',
    'body.rules.1.field',
    'body.rules.1.agencyId',
    'body.rules.2.target',
    'body.rules.4',
  ]);
  assert.match(!bad.ok ? (bad.problems.at(-1)?.message ?? '') : '', /quy tắc thứ 4/);
});

test('R-7 a rule reads as one Vietnamese line', () => {
  const spec: RoutingRuleSpec = { priority: 100, kind: 'initiative', categoryCode: null, field: null, unit: null, target: 'agency', agencyId: 'x', note: '' };
  assert.equal(describeRule({ ...spec, position: 1 }, 'Trung tâm'), 'Quy tắc #1 (ưu tiên 100): loại phản ánh: Sáng kiến xây dựng Thủ đô → Trung tâm');
  assert.equal(describeRule({ ...spec, kind: null, target: 'commune_of_place', agencyId: null }), 'Quy tắc (ưu tiên 100): mọi phản ánh → UBND cấp xã nơi xảy ra');
});

// ——— properties ———

const UNITS = [HOAN_KIEM, BA_DINH, CITY, { version: V, code: '00100' }];
const SOME_FIELDS = ['trat_tu_do_thi', 'giao_thong', 'dien', 'nuoc', 'cong_thuong', 'thu_tuc_hanh_chinh', 'tai_chinh'] as const;
const CATEGORIES = ['ca', 'cb', 'cc'] as const;

const requestArb = (withPlace: boolean) =>
  fc.record({
    kind: fc.constantFrom(...REPORT_KINDS),
    categoryCode: fc.constantFrom(...CATEGORIES),
    field: fc.constantFrom(...SOME_FIELDS),
    place: withPlace ? fc.constantFrom(HOAN_KIEM, BA_DINH).map((u) => at(u)) : fc.constantFrom(at(HOAN_KIEM), at(BA_DINH), at({ version: V, code: '00100' }), []),
  });

const agenciesArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...AGENCY_KINDS),
      active: fc.boolean(),
      fields: fc.subarray([...SOME_FIELDS]),
      jurisdiction: fc.subarray(UNITS, { minLength: 1 }),
    }),
    { maxLength: 8 },
  )
  .map((list) => list.map((a, i) => agency({ id: `a${i}`, ...a })));

const ruleArb = (agencyIds: readonly string[], priority: fc.Arbitrary<number>) =>
  fc
    .record({
      priority,
      kind: fc.option(fc.constantFrom(...REPORT_KINDS)),
      categoryCode: fc.option(fc.constantFrom(...CATEGORIES)),
      field: fc.option(fc.constantFrom(...SOME_FIELDS)),
      unit: fc.option(fc.constantFrom(...UNITS)),
      toAgency: fc.boolean(),
      agencyId: fc.constantFrom(...agencyIds, 'khong-co'),
    })
    .map(({ toAgency, agencyId, ...r }): Omit<RoutingRule, 'id' | 'position'> => ({
      ...r,
      target: toAgency ? 'agency' : 'commune_of_place',
      agencyId: toAgency ? agencyId : null,
      note: '',
    }));

const numbered = (rules: readonly Omit<RoutingRule, 'id' | 'position'>[]): RoutingRule[] => rules.map((r, i) => ({ ...r, id: `r${i}`, position: i + 1 }));

test('R-7.2 property: whatever the rules, agencies and report, routing yields an active agency when an active Center exists', () => {
  fc.assert(
    fc.property(
      agenciesArb.chain((pool) => {
        const agencies = [...pool, CENTER];
        return fc.tuple(fc.constant(agencies), fc.array(ruleArb(agencies.map((a) => a.id), fc.integer({ min: 0, max: 5 })), { maxLength: 12 }), requestArb(false));
      }),
      ([agencies, rules, req]) => {
        const d = chooseReceivingAgency(numbered(rules), req, agencies);
        return d !== null && d.agency.active && agencies.includes(d.agency);
      },
    ),
    { numRuns: 500 },
  );
});

test('R-6 property: of two matching rules of equal priority, the more specific one wins, whatever their order', () => {
  const CONDITIONS = ['kind', 'categoryCode', 'field', 'unit'] as const;
  fc.assert(
    fc.property(
      requestArb(true),
      fc.subarray([...CONDITIONS], { maxLength: 3 }),
      fc.integer({ min: 1, max: 1_000 }),
      fc.boolean(),
      fc.array(ruleArb([CENTER.id, EVN.id, UBND_HK.id], fc.integer({ min: 0, max: 0 })), { maxLength: 8 }),
      (req, generalConditions, priority, specificFirst, others) => {
        // At most three conditions in the general rule: the specific one adds one it lacks.
        const extra = CONDITIONS.find((c) => !generalConditions.includes(c))!;
          const withConditions = (conds: readonly (typeof CONDITIONS)[number][], id: string, agencyId: string): RoutingRule =>
            rule({
              id,
              priority,
              kind: conds.includes('kind') ? req.kind : null,
              categoryCode: conds.includes('categoryCode') ? req.categoryCode : null,
              field: conds.includes('field') ? req.field : null,
              unit: conds.includes('unit') ? req.place[0]! : null,
              target: 'agency',
              agencyId,
            });
          const general = withConditions(generalConditions, 'general', CENTER.id);
          const specific = withConditions([...generalConditions, extra], 'specific', EVN.id);
          // Other rules have a lower priority (0 < priority): they may match, but never before these two.
          const list = [...numbered(others), ...(specificFirst ? [specific, general] : [general, specific])].map((r, i) => ({ ...r, position: i + 1 }));
        const d = chooseReceivingAgency(list, req, AGENCIES);
        return d?.rule?.id === 'specific' && d.agency.id === EVN.id;
      },
    ),
    { numRuns: 500 },
  );
});
