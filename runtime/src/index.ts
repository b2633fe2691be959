export { Vial, type VialOptions, type UrlMapEntry } from "./app.js";
export { Blueprint, type BlueprintOptions, type BlueprintRegisterOptions, type BlueprintSetupState } from "./blueprint.js";
export { View, MethodView, type ClassView } from "./views.js";
export { Response, makeResponse, jsonify, redirect, type ResponseBody, type ResponseReturn, type ResponseValue, type ResponseOptions, type CookieOptions, type HeadersLike } from "./response.js";
export { VialRequest, MultiDict, type Authorization } from "./request.js";
export {
  HTTPException, BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, Conflict, Gone, RequestEntityTooLarge,
  UnsupportedMediaType, UnprocessableEntity, TooManyRequests, InternalServerError, NotImplemented, ServiceUnavailable, RequestRedirect, abort,
} from "./exceptions.js";
export { request, session, g, currentApp } from "./globals.js";
export { urlFor, BuildError, type UrlForValues } from "./url-for.js";
export { flash, getFlashedMessages, SecureCookieSessionInterface, type Session, type SessionInterface } from "./sessions.js";
export { Signer, TimestampSigner, URLSafeTimedSerializer, BadSignature, SignatureExpired } from "./signing.js";
export { Signal, requestStarted, requestFinished, gotRequestException, templateRendered } from "./signals.js";
export { Config, type ConfigKeys } from "./config.js";
export { DefaultJSONProvider, type JSONProvider } from "./json.js";
export { sendFile, type SendFileOptions } from "./static.js";
export { TestClient, type TestRequestOptions, type TestResponse } from "./testing.js";
export { ValidationError, type Converter, type ConverterSpec, type RouterKind } from "./router/index.js";
export type { FileReader, FileStat, ByteRange } from "./files.js";
export type { ListeningServer, ListenOptions } from "./adapter/node.js";
export type { Handler, RouteParams, RouteOptions, BeforeRequestHook, AfterRequestHook, TeardownHook, ErrorHandler, ErrorClass } from "./types.js";
export { renderTemplate, renderTemplateString, streamTemplate, jinjaEnvironment } from "./templating/flask.js";
