import { BootstrapContext, bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { serverConfig } from './app/app.config.server';

/** The server bundle's entry: one application per rendered request (see server.ts). */
const bootstrap = (context: BootstrapContext) => bootstrapApplication(App, serverConfig, context);
export default bootstrap;
