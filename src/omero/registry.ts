// Every Slice type this client can meet in an OMERO reply or send in a request.
import { GLACIER2_EXCEPTIONS } from "../ice/glacier2.ts";
import { TypeRegistry } from "../ice/values.ts";
import {
  COMMANDS,
  CREATE_SESSION_ERRORS,
  MODEL,
  RTYPES,
  SERVER_ERRORS,
  SYS,
} from "./declarations.ts";

export const OMERO_TYPES: TypeRegistry = new TypeRegistry()
  .defineClass(...RTYPES, ...MODEL, ...SYS, ...COMMANDS)
  .defineException(...GLACIER2_EXCEPTIONS, ...SERVER_ERRORS, ...CREATE_SESSION_ERRORS);
