/**
 * The shape and operation tables the protocol layer works with: the service model's (generated,
 * `shapes.ts`) plus the emulator-only operations' (`localShapes.ts`). The model's shapes win:
 * local shapes only add what the emulator-only operations need.
 * @module
 */
import { SHAPES as MODEL_SHAPES, OPERATIONS as MODEL_OPERATIONS } from "./shapes";
import { LOCAL_SHAPES, LOCAL_OPERATIONS } from "./localShapes";
import type { ShapeTable, OperationTable } from "./types";

export const SHAPES: ShapeTable = { ...LOCAL_SHAPES, ...MODEL_SHAPES };
export const OPERATIONS: OperationTable = { ...LOCAL_OPERATIONS, ...MODEL_OPERATIONS };
