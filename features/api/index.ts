// The scripting API's description, for its route.
export { openApiDocument } from "./openapi";
