import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZixflowConfigError, ZixflowValidationError } from '../../../lib/errors';
import { DltTemplateRegistry, loadDltTemplatesFromEnv } from '../../../lib/dlt';
import type { DltTemplate } from '../../../lib/interfaces/zixflow-dlt-options.interface';
import { thrownBy } from '../../utils/thrown-by';

const otp: DltTemplate = {
  key: 'otp',
  templateId: '1107161234567890123',
  entityId: '1101123456789012345',
  body: 'Your OTP is {#var#}. Do not share.',
  senderIds: ['ACMEIN'],
  route: 'otp',
};
const promo: DltTemplate = {
  key: 'promo',
  templateId: '1107169999999999999',
  body: 'Sale: {#var#} off today!',
};

const configProblems = (fn: () => unknown): string[] => thrownBy(fn, ZixflowConfigError).problems;

const validationErrors = (fn: () => unknown): ZixflowValidationError['errors'] =>
  thrownBy(fn, ZixflowValidationError).errors;

describe('DltTemplateRegistry', () => {
  const registry = new DltTemplateRegistry([otp, promo]);

  it('looks templates up by key and by template id', () => {
    expect(registry.size).toBe(2);
    expect(registry.getByKey('otp')).toEqual(otp);
    expect(registry.getByTemplateId('1107169999999999999')?.key).toBe('promo');
    expect(registry.getByKey('nope')).toBeUndefined();
    expect(registry.find({ templateKey: 'promo' })?.key).toBe('promo');
    expect(registry.find({ dltTemplateId: otp.templateId })?.key).toBe('otp');
    expect(registry.list().map((t) => t.key)).toEqual(['otp', 'promo']);
  });

  it('keeps its own frozen copies', () => {
    const senderIds = ['ABCDEF'];
    const own = new DltTemplateRegistry([{ ...promo, senderIds }]);
    senderIds.push('ZZZZZZ');
    expect(own.getByKey('promo')?.senderIds).toEqual(['ABCDEF']);
    expect(Object.isFrozen(own.getByKey('promo'))).toBe(true);
  });

  it('renders and matches by key', () => {
    expect(registry.render('otp', ['4821'])).toBe('Your OTP is 4821. Do not share.');
    expect(registry.match('otp', 'Your OTP is 4821. Do not share.')).toEqual({
      matched: true,
      values: ['4821'],
    });
    expect(validationErrors(() => registry.render('nope', []))[0].field).toBe('templateKey');
  });

  describe('check', () => {
    it('passes a matching message by key or by template id', () => {
      expect(() => registry.check('Your OTP is 4821. Do not share.', { templateKey: 'otp' })).not.toThrow();
      expect(() =>
        registry.check('Your OTP is 4821. Do not share.', {
          dltTemplateId: otp.templateId,
          senderId: 'ACMEIN',
          route: 'otp',
        }),
      ).not.toThrow();
    });

    it('passes an unregistered template id and a send without template', () => {
      expect(() => registry.check('anything', { dltTemplateId: '1234567890' })).not.toThrow();
      expect(() => registry.check('anything')).not.toThrow();
    });

    it('names the template and the first point of difference', () => {
      expect(
        validationErrors(() =>
          registry.check('Your OTP is 1234. Please do not share.', { templateKey: 'otp' }),
        ),
      ).toEqual([
        {
          field: 'message',
          reasons: [
            'does not match DLT template "otp" (1107161234567890123): expected "Do not share." at index 18, found "Please do not share."',
          ],
        },
      ]);
    });

    it('rejects a sender id the template is not registered for, and a different route', () => {
      const errors = validationErrors(() =>
        registry.check('Your OTP is 1. Do not share.', {
          dltTemplateId: otp.templateId,
          senderId: 'OTHERS',
          route: 'promotional',
        }),
      );
      expect(errors.map((e) => e.field)).toEqual(['senderId', 'route']);
      expect(errors[0].reasons[0]).toBe(
        '"OTHERS" is not registered for DLT template "otp" (1107161234567890123); use one of ACMEIN',
      );
    });

    it('lets any sender id through when the template lists none', () => {
      expect(() =>
        registry.check('Sale: 50% off today!', { templateKey: 'promo', senderId: 'ANYONE' }),
      ).not.toThrow();
    });

    it('rejects an unknown key and a template id contradicting the key', () => {
      expect(validationErrors(() => registry.check('x', { templateKey: 'nope' }))[0].field).toBe(
        'templateKey',
      );
      const errors = validationErrors(() =>
        registry.check('Your OTP is 1. Do not share.', {
          templateKey: 'otp',
          dltTemplateId: promo.templateId,
        }),
      );
      expect(errors.map((e) => e.field)).toEqual(['dltTemplateId']);
    });
  });

  describe('validation at construction', () => {
    it('names each bad template and what is wrong', () => {
      const bad = [
        { key: 'a', templateId: '12ab', body: 'x' },
        { key: 'b', templateId: 1107161234567890, body: 'x' },
        { key: 'c', templateId: '1', body: '  ', entityId: 'E1', senderIds: ['ok', 3], route: 'bulk' },
        { templateId: '2', body: 'x' },
        { key: 'd', templateId: '3', body: 'x', entityID: '1' },
        'not an object',
      ] as unknown as DltTemplate[];
      expect(configProblems(() => new DltTemplateRegistry(bad))).toEqual([
        'DLT template "a" (dlt.templates[0]): templateId must be a string of digits (got "12ab")',
        'DLT template "b" (dlt.templates[1]): templateId must be a string of digits (got the number 1107161234567890)',
        'DLT template "c" (dlt.templates[2]): body must be a non-empty string',
        'DLT template "c" (dlt.templates[2]): entityId must be a string of digits (got "E1")',
        'DLT template "c" (dlt.templates[2]): senderIds must be an array of non-empty strings',
        'DLT template "c" (dlt.templates[2]): route must be one of promotional, transactional, otp (got "bulk")',
        'DLT template dlt.templates[3]: key must be a non-empty string',
        'DLT template "d" (dlt.templates[4]): unknown field "entityID"',
        'DLT template dlt.templates[5] must be an object',
      ]);
    });

    it('rejects duplicate keys and duplicate template ids', () => {
      expect(configProblems(() => new DltTemplateRegistry([otp, { ...promo, key: 'otp' }]))).toEqual([
        'DLT template "otp" is defined twice (dlt.templates[1])',
      ]);
      expect(
        configProblems(() => new DltTemplateRegistry([otp, { ...promo, templateId: otp.templateId }])),
      ).toEqual(['DLT templates "otp" and "promo" share templateId 1107161234567890123; ids must be unique']);
    });

    it('rejects a bad maxVariableLength', () => {
      expect(configProblems(() => new DltTemplateRegistry([], { maxVariableLength: 0 }))).toEqual([
        'dlt.maxVariableLength must be a positive integer (got 0)',
      ]);
    });

    it('applies maxVariableLength to check and render', () => {
      const short = new DltTemplateRegistry([otp], { maxVariableLength: 4 });
      expect(() => short.check('Your OTP is 12345. Do not share.', { templateKey: 'otp' })).toThrow(
        ZixflowValidationError,
      );
      expect(() => short.render('otp', ['12345'])).toThrow(ZixflowValidationError);
    });
  });

  describe('fromOptions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlt-'));

    it('merges inline templates, the templates file and ZIXFLOW_DLT_TEMPLATES', () => {
      const file = join(dir, 'templates.json');
      writeFileSync(file, JSON.stringify([promo]));
      const fromEnv: DltTemplate = { key: 'env', templateId: '42', body: 'Hello {#var#}' };
      const merged = DltTemplateRegistry.fromOptions(
        { templates: [otp], templatesFile: file, maxVariableLength: 10 },
        { ZIXFLOW_DLT_TEMPLATES: JSON.stringify([fromEnv]) },
      );
      expect(merged.list().map((t) => t.key)).toEqual(['otp', 'promo', 'env']);
      expect(merged.maxVariableLength).toBe(10);
    });

    it('treats a key in two sources as an error', () => {
      expect(() =>
        DltTemplateRegistry.fromOptions(
          { templates: [otp] },
          { ZIXFLOW_DLT_TEMPLATES: JSON.stringify([otp]) },
        ),
      ).toThrow('DLT template "otp" is defined twice');
    });

    it('reports an unreadable or malformed templates file', () => {
      expect(
        configProblems(() =>
          DltTemplateRegistry.fromOptions({ templatesFile: join(dir, 'missing.json') }, {}),
        ),
      ).toEqual([`dlt.templatesFile "${join(dir, 'missing.json')}" cannot be read (ENOENT)`]);
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{"key": "x"}');
      expect(configProblems(() => DltTemplateRegistry.fromOptions({ templatesFile: bad }, {}))).toEqual([
        `dlt.templatesFile "${bad}" must hold a JSON array of DLT templates`,
      ]);
      const item = join(dir, 'item.json');
      writeFileSync(item, '[{"key": "x", "templateId": "1"}]');
      expect(configProblems(() => DltTemplateRegistry.fromOptions({ templatesFile: item }, {}))).toEqual([
        `DLT template "x" (dlt.templatesFile "${item}"[0]): body must be a non-empty string`,
      ]);
    });

    it('is empty with no options and no environment', () => {
      expect(DltTemplateRegistry.fromOptions(undefined, {}).size).toBe(0);
    });
  });
});

describe('loadDltTemplatesFromEnv', () => {
  it('returns nothing when the variable is unset or blank', () => {
    expect(loadDltTemplatesFromEnv({})).toEqual([]);
    expect(loadDltTemplatesFromEnv({ ZIXFLOW_DLT_TEMPLATES: '  ' })).toEqual([]);
  });

  it('parses a JSON array', () => {
    expect(loadDltTemplatesFromEnv({ ZIXFLOW_DLT_TEMPLATES: JSON.stringify([otp]) })).toEqual([otp]);
  });

  it('throws ZixflowConfigError on bad JSON or a bad template', () => {
    expect(configProblems(() => loadDltTemplatesFromEnv({ ZIXFLOW_DLT_TEMPLATES: '[{' }))[0]).toMatch(
      /^ZIXFLOW_DLT_TEMPLATES is not valid JSON/,
    );
    expect(configProblems(() => loadDltTemplatesFromEnv({ ZIXFLOW_DLT_TEMPLATES: '[{"key":"k"}]' }))).toEqual(
      [
        'DLT template "k" (ZIXFLOW_DLT_TEMPLATES[0]): templateId must be a string of digits (got nothing)',
        'DLT template "k" (ZIXFLOW_DLT_TEMPLATES[0]): body must be a non-empty string',
      ],
    );
  });
});
