import 'reflect-metadata';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { SendSmsDto } from '../../../lib/sms/dto/send-sms.dto';
import { SendSmsTemplateDto } from '../../../lib/sms/dto/send-sms-template.dto';
import { validateInput } from '../../../lib/sms/validate-input';
import { ZixflowValidationError } from '../../../lib/errors/zixflow-validation.error';

/** What class-validator alone says about `input` copied onto a fresh DTO (the reference verdict). */
function referenceErrors(ctor: new () => object, input: object): string[] {
  const dto = Object.assign(new ctor(), input);
  return validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })
    .map((e) => e.property)
    .sort();
}

function actualErrors(ctor: new () => object, input: object): string[] {
  try {
    validateInput(ctor, input);
    return [];
  } catch (error) {
    if (!(error instanceof ZixflowValidationError)) throw error;
    return [...new Set(error.errors.map((e) => e.field.split('.')[0]))].sort();
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^\d{6,17}$/),
  fc.constantFrom(
    '',
    ' ',
    'ZIXFLW',
    'transactional',
    'promotional',
    'otp',
    'https://example.com/pb?x=1',
    'javascript:alert(1)',
    'a'.repeat(21),
    '😀'.repeat(11),
  ),
);
const anything = fc.oneof(
  text,
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object({ maxDepth: 1 }),
);
const field = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: anything }), { nil: undefined });

describe('validateInput pre-resolved check', () => {
  it('accepts exactly what validateSync accepts (SendSmsDto)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            recipient: field(fc.stringMatching(/^\d{6,17}$/)),
            message: field(text),
            senderId: field(text),
            route: field(fc.constantFrom('transactional', 'promotional', 'otp', 'bulk')),
            isFlash: field(fc.boolean()),
            dltEntityId: field(fc.stringMatching(/^\d{0,20}$/)),
            dltTemplateId: field(fc.stringMatching(/^\d{0,20}$/)),
            postBackUrl: field(
              fc.constantFrom(
                'https://example.com/pb?x=1',
                'http://localhost:3000/pb',
                'ftp://x',
                'not a url',
              ),
            ),
            postBackData: field(text),
            post_back_url: fc.option(text, { nil: undefined, freq: 10 }),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
          expect(actualErrors(SendSmsDto, clean)).toEqual(referenceErrors(SendSmsDto, clean));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts exactly what validateSync accepts (SendSmsTemplateDto)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            recipient: field(fc.stringMatching(/^\d{6,17}$/)),
            templateName: field(text),
            templateId: field(text),
            senderId: field(text),
            route: field(fc.constantFrom('transactional', 'promotional', 'otp')),
            variables: field(
              fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
            ),
            isFlash: field(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
        (input) => {
          const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
          expect(actualErrors(SendSmsTemplateDto, clean)).toEqual(referenceErrors(SendSmsTemplateDto, clean));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
