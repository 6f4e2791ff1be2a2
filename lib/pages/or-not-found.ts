import "server-only";
import { notFound } from "next/navigation";
import { COMMON_ERROR_CODES, DomainError } from "../errors";

/** For pages: a record outside the caller's scope renders the 404 page, like one that doesn't exist. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof DomainError && error.code === COMMON_ERROR_CODES.NotFound) notFound();
    throw error;
  }
}
