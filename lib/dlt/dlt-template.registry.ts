import { ZixflowConfigError, ZixflowValidationError, type ZixflowFieldError } from '../errors';
import type { DltTemplate, ZixflowDltOptions } from '../interfaces/zixflow-dlt-options.interface';
import type { DltCheckContext } from './dlt-check-context.interface';
import { DEFAULT_DLT_MAX_VARIABLE_LENGTH } from './dlt.constants';
import type { DltMatchResult } from './dlt-match-result.interface';
import { DltTemplateMatcher } from './dlt-template.matcher';
import { renderDltTemplate, type DltTemplateValues } from './dlt-template.renderer';
import { dltTemplateProblems } from './dlt-template.validator';
import { loadDltTemplatesFromEnv, loadDltTemplatesFromFile } from './dlt-templates.loader';

export interface DltTemplateRegistryOptions {
  /** Default 30. */
  maxVariableLength?: number;
}

/**
 * The DLT templates an application sends, checked once at construction (throws `ZixflowConfigError` naming
 * each bad template) and compiled to matchers. Keys and template ids are unique so both lookups are exact.
 */
export class DltTemplateRegistry {
  readonly maxVariableLength: number;
  private readonly byKey = new Map<string, DltTemplate>();
  private readonly byTemplateId = new Map<string, DltTemplate>();
  private readonly matchers = new Map<string, DltTemplateMatcher>();

  /**
   * Templates from `options.templates`, then `options.templatesFile`, then the `ZIXFLOW_DLT_TEMPLATES`
   * environment variable (pass `{}` to ignore the environment). A key defined twice is an error, not an override.
   */
  static fromOptions(
    options: ZixflowDltOptions = {},
    env: Readonly<Record<string, string | undefined>> = process.env,
  ): DltTemplateRegistry {
    const templates = [
      ...(options.templates ?? []),
      ...(options.templatesFile !== undefined ? loadDltTemplatesFromFile(options.templatesFile) : []),
      ...loadDltTemplatesFromEnv(env),
    ];
    return new DltTemplateRegistry(templates, { maxVariableLength: options.maxVariableLength });
  }

  constructor(templates: readonly DltTemplate[], options: DltTemplateRegistryOptions = {}) {
    const max = options.maxVariableLength ?? DEFAULT_DLT_MAX_VARIABLE_LENGTH;
    const problems: string[] = [];
    if (!Number.isInteger(max) || max < 1)
      problems.push(`dlt.maxVariableLength must be a positive integer (got ${max})`);
    if (!Array.isArray(templates)) throw new ZixflowConfigError(['dlt.templates must be an array']);

    templates.forEach((template, i) => {
      const own = dltTemplateProblems(template, `dlt.templates[${i}]`);
      if (own.length > 0) {
        problems.push(...own);
        return;
      }
      const sameKey = this.byKey.get(template.key);
      if (sameKey) {
        problems.push(`DLT template "${template.key}" is defined twice (dlt.templates[${i}])`);
        return;
      }
      const sameId = this.byTemplateId.get(template.templateId);
      if (sameId) {
        problems.push(
          `DLT templates "${sameId.key}" and "${template.key}" share templateId ${template.templateId}; ids must be unique`,
        );
        return;
      }
      // Copied and frozen so later edits of the caller's objects cannot desync a template from its matcher.
      const copy: DltTemplate = Object.freeze({
        ...template,
        ...(template.senderIds ? { senderIds: Object.freeze([...template.senderIds]) as string[] } : {}),
      });
      this.byKey.set(copy.key, copy);
      this.byTemplateId.set(copy.templateId, copy);
    });
    if (problems.length > 0) throw new ZixflowConfigError(problems);

    this.maxVariableLength = max;
    for (const template of this.byKey.values()) {
      this.matchers.set(template.key, new DltTemplateMatcher(template.body, max));
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  list(): DltTemplate[] {
    return [...this.byKey.values()];
  }

  getByKey(key: string): DltTemplate | undefined {
    return this.byKey.get(key);
  }

  getByTemplateId(templateId: string): DltTemplate | undefined {
    return this.byTemplateId.get(templateId);
  }

  /** The template a send refers to: by key when given (undefined if unknown), else by DLT template id. */
  find(context: Pick<DltCheckContext, 'templateKey' | 'dltTemplateId'>): DltTemplate | undefined {
    if (context.templateKey !== undefined) return this.byKey.get(context.templateKey);
    return context.dltTemplateId !== undefined ? this.byTemplateId.get(context.dltTemplateId) : undefined;
  }

  /** Matches `message` against the template registered under `key`. */
  match(key: string, message: string): DltMatchResult {
    return this.matcherFor(key).match(message);
  }

  /** The message for template `key` with its `{#var#}`s filled (see `renderDltTemplate`). */
  render(key: string, values: DltTemplateValues): string {
    return renderDltTemplate(this.requireTemplate(key), values, {
      maxVariableLength: this.maxVariableLength,
    });
  }

  /**
   * Throws `ZixflowValidationError` when the message cannot pass DLT scrubbing for the template the send names:
   * field `message` (the first point of difference), `senderId` (not one of the template's `senderIds`),
   * `route` (not the template's route), `templateKey` (unknown key) or `dltTemplateId` (contradicts the key).
   * A `dltTemplateId` that is not registered passes: we cannot check a body we do not know.
   */
  check(message: string, context: DltCheckContext = {}): void {
    const errors: ZixflowFieldError[] = [];
    let template: DltTemplate | undefined;

    if (context.templateKey !== undefined) {
      template = this.byKey.get(context.templateKey);
      if (!template) {
        errors.push({
          field: 'templateKey',
          reasons: [`no DLT template is registered under the key "${context.templateKey}"`],
        });
      } else if (context.dltTemplateId !== undefined && context.dltTemplateId !== template.templateId) {
        errors.push({
          field: 'dltTemplateId',
          reasons: [
            `is ${context.dltTemplateId} but DLT template "${template.key}" is registered as ${template.templateId}`,
          ],
        });
      }
    } else if (context.dltTemplateId !== undefined) {
      template = this.byTemplateId.get(context.dltTemplateId);
    }

    if (template) {
      const name = `DLT template "${template.key}" (${template.templateId})`;
      const result = this.matcherFor(template.key).match(message);
      if (!result.matched)
        errors.push({ field: 'message', reasons: [`does not match ${name}: ${result.reason}`] });
      const senderIds = template.senderIds ?? [];
      if (context.senderId !== undefined && senderIds.length > 0 && !senderIds.includes(context.senderId)) {
        errors.push({
          field: 'senderId',
          reasons: [
            `"${context.senderId}" is not registered for ${name}; use one of ${senderIds.join(', ')}`,
          ],
        });
      }
      if (context.route !== undefined && template.route !== undefined && context.route !== template.route) {
        errors.push({
          field: 'route',
          reasons: [`is ${context.route} but ${name} is registered for ${template.route}`],
        });
      }
    }

    if (errors.length > 0) throw new ZixflowValidationError(errors);
  }

  private requireTemplate(key: string): DltTemplate {
    const template = this.byKey.get(key);
    if (!template) {
      throw new ZixflowValidationError([
        { field: 'templateKey', reasons: [`no DLT template is registered under the key "${key}"`] },
      ]);
    }
    return template;
  }

  private matcherFor(key: string): DltTemplateMatcher {
    return this.matchers.get(this.requireTemplate(key).key) as DltTemplateMatcher;
  }
}
