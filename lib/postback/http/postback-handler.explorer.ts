import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../zixflow-postback.constants';

/** Finds the controller methods decorated with @ZixflowPostback() across the whole app. */
@Injectable()
export class PostbackHandlerExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** `Controller.method` of each postback handler. */
  findHandlers(): string[] {
    const handlers: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      // The class, not the instance: request-scoped controllers have no instance at bootstrap.
      const prototype = (wrapper.metatype as { prototype?: object } | null | undefined)?.prototype;
      if (!prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        if (
          typeof method === 'function' &&
          this.reflector.get<boolean>(ZIXFLOW_POSTBACK_HANDLER_METADATA, method)
        ) {
          handlers.push(`${wrapper.name}.${name}`);
        }
      }
    }
    return handlers;
  }
}
