import { ZixflowValidationError } from '../../../lib/errors';
import { renderDltTemplate } from '../../../lib/dlt';
import { thrownBy } from '../../utils/thrown-by';

const otp = { key: 'otp', body: 'Your OTP is {#var#}. Valid for {#VAR#} minutes.' };

const errorsOf = (fn: () => unknown): ZixflowValidationError['errors'] =>
  thrownBy(fn, ZixflowValidationError).errors;

describe('renderDltTemplate', () => {
  it('fills placeholders in order from an array', () => {
    expect(renderDltTemplate(otp, ['123456', '10'])).toBe('Your OTP is 123456. Valid for 10 minutes.');
  });

  it('accepts a var1..varN record', () => {
    expect(renderDltTemplate(otp, { var2: '10', var1: '123456' })).toBe(
      'Your OTP is 123456. Valid for 10 minutes.',
    );
  });

  it('renders placeholders at the start, at the end and touching', () => {
    expect(renderDltTemplate({ key: 'k', body: '{#var#}{#var#} x {#var#}' }, ['a', 'b', 'c'])).toBe('ab x c');
    expect(renderDltTemplate({ key: 'k', body: 'No variables.' }, [])).toBe('No variables.');
  });

  it('does not interpret $ patterns in values', () => {
    expect(renderDltTemplate(otp, ["$&$'", '$1'])).toBe("Your OTP is $&$'. Valid for $1 minutes.");
  });

  it('rejects a wrong number of values, naming the template', () => {
    expect(errorsOf(() => renderDltTemplate(otp, ['1']))).toEqual([
      { field: 'variables', reasons: ['DLT template "otp" has 2 variables, got 1 values'] },
    ]);
    expect(errorsOf(() => renderDltTemplate(otp, ['1', '2', '3']))[0].field).toBe('variables');
  });

  it('rejects missing and unknown record keys', () => {
    expect(errorsOf(() => renderDltTemplate(otp, { var1: '1', name: 'x' }))).toEqual([
      { field: 'variables.name', reasons: ['DLT template "otp" has no variable "name"; it has var1, var2'] },
      { field: 'variables.var2', reasons: ['DLT template "otp", {#var#} #2: value is missing'] },
    ]);
  });

  it('rejects values that are empty, too long or hold a line break, naming the variable', () => {
    expect(errorsOf(() => renderDltTemplate(otp, ['', 'x'.repeat(31)]))).toEqual([
      { field: 'variables.var1', reasons: ['DLT template "otp", {#var#} #1: must not be empty'] },
      {
        field: 'variables.var2',
        reasons: ['DLT template "otp", {#var#} #2: is 31 characters; the maximum is 30'],
      },
    ]);
    expect(errorsOf(() => renderDltTemplate(otp, ['12\n34', '5']))[0]).toEqual({
      field: 'variables.var1',
      reasons: ['DLT template "otp", {#var#} #1: must not contain a line break'],
    });
    expect(errorsOf(() => renderDltTemplate(otp, ['123', '10'], { maxVariableLength: 2 }))[0].field).toBe(
      'variables.var1',
    );
  });

  it('counts characters as code points', () => {
    expect(renderDltTemplate(otp, ['😀'.repeat(30), '1'])).toContain('😀');
  });

  it('rejects values that are not strings (JavaScript callers)', () => {
    const values = [123, '1'] as unknown as string[];
    expect(errorsOf(() => renderDltTemplate(otp, values))[0].reasons[0]).toContain(
      'must be a string (got number)',
    );
  });
});
