import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../zixflow-postback.constants';
import type { ZixflowPostbackHandlerMetadata } from './zixflow-postback.decorator';

/** Finds the controller methods decorated with @ZixflowPostback() across the whole app. */
@Injectable()
export class PostbackHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** `Controller.method` of each postback handler of the instance `workspace` (undefined: the unnamed one). */
  findHandlers(workspace: string | undefined): string[] {
    const handlers: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      // The class, not the instance: request-scoped controllers have no instance at bootstrap.
      const prototype = (wrapper.metatype as { prototype?: object } | null | undefined)?.prototype;
      if (!prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const handler = this.reflector.get<ZixflowPostbackHandlerMetadata | undefined>(
          ZIXFLOW_POSTBACK_HANDLER_METADATA,
          method,
        );
        if (handler !== undefined && handler.workspace === workspace) {
          handlers.push(`${wrapper.name}.${name}`);
        }
      }
    }
    return handlers;
  }
}
