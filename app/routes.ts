import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

// Remix's v3_routeConfig: the same flat-file routes, declared through routes.ts as in React Router 7.
export default flatRoutes() satisfies RouteConfig;
