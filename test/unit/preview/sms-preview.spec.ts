import * as fc from 'fast-check';
import {
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
  previewSms,
  splitSms,
  SMS_SEGMENT_LIMITS,
  smsUnitCost,
} from '../../../lib/sms/preview';

const partUnits = (part: string, encoding: 'GSM-7' | 'UCS-2'): number =>
  [...part].reduce((sum, char) => sum + smsUnitCost(char, encoding), 0);

describe('previewSms', () => {
  it('has the 127 basic-table characters (128 codes minus ESC) and the 10 extension characters', () => {
    expect(GSM7_BASIC_CHARACTERS).toHaveLength(127);
    expect(new Set(GSM7_BASIC_CHARACTERS).size).toBe(127);
    expect(GSM7_EXTENSION_CHARACTERS).toEqual(['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€']);
  });

  it.each(GSM7_BASIC_CHARACTERS.map((c) => [JSON.stringify(c), c]))(
    'basic %s costs 1 septet',
    (_label, c) => {
      expect(previewSms(c)).toEqual({
        encoding: 'GSM-7',
        length: 1,
        segments: 1,
        perSegment: 160,
        characters: 1,
        nonGsmCharacters: [],
      });
    },
  );

  it.each(GSM7_EXTENSION_CHARACTERS.map((c) => [JSON.stringify(c), c]))(
    'extension %s costs 2 septets',
    (_l, c) => {
      expect(previewSms(c)).toMatchObject({ encoding: 'GSM-7', length: 2, segments: 1, characters: 1 });
    },
  );

  it.each([
    ['@£$¥èéùìòÇ\nØø\rÅå', 16],
    ['Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ', 15],
    [' !"#¤%&\'()*+,-./', 16],
    ['¡ÄÖÑÜ§¿äöñüà', 12],
    // 36 characters, 9 of them from the extension table
    ['Price: 10€ [approx] {x} a|b ~c ^d \\e', 36 + 9],
  ])('counts %j as %i septets', (text, septets) => {
    expect(previewSms(text)).toMatchObject({ encoding: 'GSM-7', length: septets });
  });

  it.each([
    ['ç', ['ç']], // only capital Ç is in the basic table
    ['á', ['á']], // é is in the table, á is not
    ['Café à la crème ç', ['ç']],
    ['\t', ['\t']],
    ['`', ['`']],
    ['Α', ['Α']], // Greek capital alpha, not Latin A
    ['Hi 😀 and 😀 ç', ['😀', 'ç']],
  ])('%j forces UCS-2 for the whole message', (text, nonGsm) => {
    const preview = previewSms(text);
    expect(preview.encoding).toBe('UCS-2');
    expect(preview.length).toBe(text.length);
    expect(preview.nonGsmCharacters).toEqual(nonGsm);
  });

  it('counts an emoji as 2 UCS-2 units and 1 character', () => {
    expect(previewSms('😀')).toEqual({
      encoding: 'UCS-2',
      length: 2,
      segments: 1,
      perSegment: 70,
      characters: 1,
      nonGsmCharacters: ['😀'],
    });
  });

  it.each([
    [160, 1, 160],
    [161, 2, 153],
    [306, 2, 153],
    [307, 3, 153],
    [459, 3, 153],
    [460, 4, 153],
  ])('GSM-7: %i characters make %i segment(s) of %i', (n, segments, perSegment) => {
    const text = 'a'.repeat(n);
    expect(previewSms(text)).toMatchObject({ encoding: 'GSM-7', length: n, segments, perSegment });
    expect(splitSms(text)).toHaveLength(segments);
  });

  it.each([
    [70, 1, 70],
    [71, 2, 67],
    [134, 2, 67],
    [135, 3, 67],
  ])('UCS-2: %i units make %i segment(s) of %i', (n, segments, perSegment) => {
    const text = 'ç'.repeat(n);
    expect(previewSms(text)).toMatchObject({ encoding: 'UCS-2', length: n, segments, perSegment });
    expect(splitSms(text)).toHaveLength(segments);
  });

  it('counts 80 extension characters as 160 septets, one segment', () => {
    expect(previewSms('€'.repeat(80))).toMatchObject({ length: 160, segments: 1 });
    expect(previewSms('€'.repeat(80) + 'a')).toMatchObject({ length: 161, segments: 2 });
  });

  describe('escape pair at the 152/153 boundary', () => {
    it('moves whole to the next part, leaving 152 septets in the first', () => {
      const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
      const parts = splitSms(text);
      expect(parts).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
      expect(previewSms(text)).toMatchObject({ length: 164, segments: 2 });
    });

    it('stays in the first part when it ends exactly at 153', () => {
      const parts = splitSms('a'.repeat(151) + '€' + 'b'.repeat(10));
      expect(parts).toEqual(['a'.repeat(151) + '€', 'b'.repeat(10)]);
    });

    it('adds a segment when the straddling pair pushes the tail over', () => {
      // 306 septets would fit 2 × 153, but the pair at 152/153 leaves one septet of part 1 unused.
      const text = 'a'.repeat(152) + '€' + 'b'.repeat(152);
      expect(previewSms(text)).toMatchObject({ length: 306, segments: 3 });
      expect(splitSms(text).map((p) => partUnits(p, 'GSM-7'))).toEqual([152, 153, 1]);
    });
  });

  describe('surrogate pair at the 66/67 boundary', () => {
    it('moves the emoji whole to the next part, leaving 66 units', () => {
      const text = 'ç'.repeat(66) + '😀' + 'ç'.repeat(5);
      const parts = splitSms(text);
      expect(parts).toEqual(['ç'.repeat(66), '😀' + 'ç'.repeat(5)]);
      expect(previewSms(text)).toMatchObject({ encoding: 'UCS-2', length: 73, segments: 2, perSegment: 67 });
    });

    it('keeps an emoji that ends exactly at 67 in the first part', () => {
      const parts = splitSms('ç'.repeat(65) + '😀' + 'ç'.repeat(5));
      expect(parts[0]).toBe('ç'.repeat(65) + '😀');
    });

    it('fits 35 emoji (70 units) in one segment and splits 36', () => {
      expect(previewSms('😀'.repeat(35))).toMatchObject({ length: 70, segments: 1, characters: 35 });
      const parts = splitSms('😀'.repeat(36));
      expect(parts.map((p) => p.length)).toEqual([66, 6]);
    });
  });

  it('treats the empty string as one empty segment', () => {
    expect(previewSms('')).toEqual({
      encoding: 'GSM-7',
      length: 0,
      segments: 1,
      perSegment: 160,
      characters: 0,
      nonGsmCharacters: [],
    });
    expect(splitSms('')).toEqual(['']);
  });

  it('counts a lone surrogate as one UCS-2 unit without crashing', () => {
    expect(previewSms('a\uD83D')).toMatchObject({ encoding: 'UCS-2', length: 2, characters: 2 });
  });

  describe('properties', () => {
    const gsmChar = fc.constantFrom(...GSM7_BASIC_CHARACTERS, ...GSM7_EXTENSION_CHARACTERS);
    const anyChar = fc.oneof(
      gsmChar,
      fc.constantFrom('ç', 'á', '😀', '👍🏽', 'ह', '\uD83D'),
      fc.string({ unit: 'binary', maxLength: 2 }),
    );
    const texts = fc.oneof(
      fc.array(gsmChar, { maxLength: 500, size: 'max' }).map((a) => a.join('')),
      fc.array(anyChar, { maxLength: 300, size: 'max' }).map((a) => a.join('')),
    );

    it('splitSms parts join back to the text, each within its limit, counts agreeing with previewSms', () => {
      fc.assert(
        fc.property(texts, (text) => {
          const parts = splitSms(text);
          const preview = previewSms(text);
          expect(parts.join('')).toBe(text);
          expect(parts).toHaveLength(preview.segments);
          const limits = SMS_SEGMENT_LIMITS[preview.encoding];
          expect(preview.perSegment).toBe(parts.length === 1 ? limits.single : limits.multipart);
          parts.forEach((part, i) => {
            expect(partUnits(part, preview.encoding)).toBeLessThanOrEqual(preview.perSegment);
            // A high surrogate ending one part and a low one starting the next would be a cut pair.
            const cut = i > 0 && /[\uD800-\uDBFF]$/.test(parts[i - 1]) && /^[\uDC00-\uDFFF]/.test(part);
            expect(cut).toBe(false);
          });
          expect(parts.reduce((sum, p) => sum + partUnits(p, preview.encoding), 0)).toBe(preview.length);
        }),
        { numRuns: 500 },
      );
    });

    it('never uses more parts than needed: every part but the last could not take the next character', () => {
      fc.assert(
        fc.property(texts, (text) => {
          const parts = splitSms(text);
          const { encoding, perSegment } = previewSms(text);
          for (let i = 0; i < parts.length - 1; i++) {
            const next = [...parts[i + 1]][0];
            expect(partUnits(parts[i], encoding) + smsUnitCost(next, encoding)).toBeGreaterThan(perSegment);
          }
        }),
      );
    });
  });
});
