import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTextLists } from '../../../app/integrity/text-lists.ts';
import { isVietnameseSyllable } from './language.ts';
import { textFindings } from './text-findings.ts';
import { words } from './tokens.ts';

const lists = loadTextLists();
const foreign = (title: string, description: string) => textFindings({ title, description }, lists).find((f) => f.check === 'not_vietnamese');

test('R-5.1 Vietnamese syllables are recognised with or without diacritics; English and French words mostly are not', () => {
  const yes = (w: string) => isVietnameseSyllable(words(w)[0]!);
  for (const w of ['nghiêng', 'khuyến', 'được', 'duoc', 'thuỵ', 'quá', 'giữa', 'oanh', 'xoong', 'ngoẹo', 'khuya']) assert.ok(yes(w), w);
  for (const w of ['street', 'broken', 'please', 'cassée', 'trottoir', 'light', 'fix', 'Noël', 'façade', 'was', 'zalo']) assert.ok(!yes(w), w);
});

test('R-5.1 Vietnamese written without diacritics, with teencode or loanwords, is Vietnamese', () => {
  assert.equal(foreign('Den duong hong', 'Den duong ngo 12 Pho Vong hong het ca tuan nay roi, toi om, de nghi phuong cho nguoi sua.'), undefined);
  assert.equal(foreign('mn oi', 'mn oi ngo 46 ko thay ai thong cong, dc vai hom la ngap, sdt to truong k nghe may'), undefined);
  assert.equal(foreign('Xe container', 'Xe container đỗ qua đêm gần showroom, quán karaoke và spa để biển LED trên vỉa hè.'), undefined);
  assert.equal(foreign('Rác', 'OK'), undefined, 'too short to judge');
  assert.equal(foreign('Wifi', 'Free wifi ở phố đi bộ không dùng được'), undefined);
});

test('R-5.1 English, French, Chinese or Korean text is not Vietnamese', () => {
  const en = foreign('Broken street light', 'The street light in front of house number 12 on Hang Bac street has been broken for a week. Please fix it.');
  assert.ok(en && en.confidence >= 0.6, JSON.stringify(en));
  assert.ok((en.evidence.foreignWords as string[]).includes('street'));
  assert.ok(foreign('Trottoir encombré', 'Les vendeurs de rue occupent tout le trottoir de la rue Hang Gai, les piétons doivent marcher sur la chaussée.'));
  const zh = foreign('路灯坏了', '河内还剑郡杭白街的路灯已经坏了一个星期，晚上很黑。');
  assert.equal(zh?.evidence.script, 'Han');
  assert.ok(foreign('도로 파손', '하노이 꺼우저이 거리에 큰 구멍이 있어서 오토바이가 위험합니다.'));
});
