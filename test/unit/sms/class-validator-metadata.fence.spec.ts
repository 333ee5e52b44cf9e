import 'reflect-metadata';
import { getMetadataStorage, IsString, ValidateNested, ValidationTypes } from 'class-validator';
import { SendSmsDto } from '../../../lib/sms/dto/send-sms.dto';
import { SendSmsTemplateDto } from '../../../lib/sms/dto/send-sms-template.dto';
import { isPrecompiled, passesAllRules } from '../../../lib/sms/class-validator-metadata.fence';
import { validateInput } from '../../../lib/sms/validate-input';
import { ZixflowValidationError } from '../../../lib/errors/zixflow-validation.error';

/**
 * The fence around class-validator internals that validateInput's fast path reads. If an upgrade changes
 * any of this, these tests fail here, by name; at runtime the DTO then falls back to validateSync.
 */
describe('class-validator metadata fence', () => {
  it('MetadataStorage still has the methods and the ValidationMetadata fields the fence reads', () => {
    const storage = getMetadataStorage();
    for (const method of [
      'getTargetValidationMetadatas',
      'groupByPropertyName',
      'getTargetValidatorConstraints',
    ])
      expect(typeof (storage as unknown as Record<string, unknown>)[method]).toBe('function');
    expect(ValidationTypes.CONDITIONAL_VALIDATION).toBe('conditionalValidation');
    expect(ValidationTypes.CUSTOM_VALIDATION).toBe('customValidation');
    const metadatas = storage.getTargetValidationMetadatas(
      SendSmsDto,
      undefined as unknown as string,
      false,
      false,
    );
    const custom = metadatas.find((m) => m.type === ValidationTypes.CUSTOM_VALIDATION);
    expect(custom).toBeDefined();
    expect(typeof custom!.constraintCls).toBe('function');
    expect(typeof custom!.propertyName).toBe('string');
    const [constraint] = storage.getTargetValidatorConstraints(custom!.constraintCls);
    expect(typeof (constraint.instance as { validate?: unknown }).validate).toBe('function');
    expect(typeof constraint.async).toBe('boolean');
  });

  it('the send DTOs are pre-resolved (the fast path is in use for them)', () => {
    expect(isPrecompiled(SendSmsDto)).toBe(true);
    expect(isPrecompiled(SendSmsTemplateDto)).toBe(true);
  });

  it('a DTO with rules the fence does not model (nested) falls back to validateSync', () => {
    class Inner {
      @IsString() name!: string;
    }
    class Outer {
      @ValidateNested() inner!: Inner;
    }
    expect(isPrecompiled(Outer)).toBe(false);
    expect(passesAllRules(Object.assign(new Outer(), { inner: new Inner() }))).toBe(false);
  });

  it('precompiled: false (fastPaths.precompiledValidation) gives the same verdicts', () => {
    const defaults = { senderId: 'ZIXFLW', route: 'transactional' } as Partial<SendSmsDto>;
    const good = { recipient: '919876543210', message: 'hi' };
    expect(validateInput(SendSmsDto, good, { defaults, precompiled: false })).toEqual(
      validateInput(SendSmsDto, good, { defaults }),
    );
    const fields = (precompiled: boolean) => {
      try {
        validateInput(SendSmsDto, { recipient: 'x', message: '', sender_id: 'A' }, { defaults, precompiled });
      } catch (error) {
        return (error as ZixflowValidationError).errors;
      }
      return [];
    };
    expect(fields(false)).toEqual(fields(true));
    expect(fields(false).map((e) => e.field)).toEqual(
      expect.arrayContaining(['recipient', 'message', 'sender_id']),
    );
  });
});
