import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROLES as ALL_ROLES, type Role } from '@nss/contracts';
import { IS_PUBLIC, ROLES } from '@nss/server-core';
import { SCAN_PAGE_ROUTES } from '@nss/traceability-api';

/** `GET /api/sellers/{id}`: the method and the path as OpenAPI writes it, with the global prefix. */
export type RouteKey = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

const METHOD_NAMES: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

function join(...parts: string[]): string {
  const path = parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return `/${path}`;
}

/** Routes bootstrap registers on Fastify itself, outside Nest and its global prefix: the public scan page. */
const FASTIFY_ROUTES = SCAN_PAGE_ROUTES.map((path) => `GET ${join(path)}` as RouteKey);


/**
 * Every route the application's controllers register, read from Nest's own metadata (not from the OpenAPI document,
 * which may leave routes out), so a route added anywhere shows up here.
 */
export function registeredRoutes(app: INestApplication, globalPrefix = 'api'): RouteKey[] {
  return [...routeAccess(app, globalPrefix).keys()].sort();
}

/** Who passes the global guard of a route: anonymous callers too (public), or only signed-in callers of these roles. */
export interface RouteAccess {
  isPublic: boolean;
  roles: readonly Role[];
}

/**
 * Every registered route with the callers its guard lets through (handler metadata overrides the controller's), and
 * the public routes registered on Fastify itself.
 */
export function routeAccess(app: INestApplication, globalPrefix = 'api'): Map<RouteKey, RouteAccess> {
  const scanner = new MetadataScanner();
  const routes = new Map<RouteKey, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || !wrapper.instance) continue;
      const controllerPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        const verb = METHOD_NAMES[method];
        if (!verb) throw new Error(`${type.name}.${name}: method ${RequestMethod[method]} is not covered by the route list`);
        const read = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type)) as T | undefined;
        const access: RouteAccess = { isPublic: read<boolean>(IS_PUBLIC) === true, roles: read<Role[]>(ROLES) ?? ALL_ROLES };
        for (const base of controllerPaths) {
          for (const path of ([] as string[]).concat(paths)) routes.set(`${verb} ${join(globalPrefix, base, path)}` as RouteKey, access);
        }
      }
    }
  }
  for (const route of FASTIFY_ROUTES) routes.set(route, { isPublic: true, roles: ALL_ROLES });
  return routes;
}
