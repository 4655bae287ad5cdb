import type { SourcePlace } from "./spec-model.js";

/** A mistake in a `.t` file itself (not a failed check): always names `file:line`. */
export class SpecError extends Error {
  readonly place: SourcePlace;

  constructor(place: SourcePlace, message: string) {
    super(`${place.file}:${place.line}: ${message}`);
    this.name = "SpecError";
    this.place = place;
  }
}
