// The address form's countries: the codes the bitmap encodes, their names, the default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COUNTRY_CODES, countries, defaultCountry } from '../../../src/checkout/countries.ts';

// ISO 3166-1 alpha-2, as the module listed them before they were packed into a bitmap.
const ISO_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

test('the bitmap holds exactly the 249 ISO 3166-1 alpha-2 codes, in alphabetical order', () => {
  assert.deepEqual(COUNTRY_CODES, ISO_CODES.split(' '));
});

test('countries are named in the customer’s language and sorted by that name', () => {
  const french = countries('fr');
  assert.equal(french.length, 249);
  assert.deepEqual(french.find((country) => country.code === 'DE'), { code: 'DE', name: 'Allemagne' });
  const names = french.map((country) => country.name);
  assert.deepEqual(names, [...names].sort(new Intl.Collator('fr').compare));
});

test('the default country is the locale’s region when it is a country, else none', () => {
  assert.equal(defaultCountry('en-GB'), 'GB');
  assert.equal(defaultCountry('fr'), '');
  assert.equal(defaultCountry('en-EU'), '');
});
