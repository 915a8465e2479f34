/**
 * Registers every custom function with Excel. Loaded by taskpane.html into the shared runtime; the ids come
 * from the same metadata generator that writes functions.json, so registration and metadata cannot drift.
 */
import { customFunctions, type RegisteredFunction } from 'se-toolkit:custom-functions';
import { describeFailure } from '../src/customFunctionFailure';

for (const entry of customFunctions) {
  CustomFunctions.associate(entry.excelId, excelFunction(entry));
}

/** Excel shows a message only on #VALUE! and #N/A, so every failure becomes one of those two. */
function excelFunction(entry: RegisteredFunction): (...args: unknown[]) => unknown[][] {
  return (...args) => {
    try {
      return entry.fn(...args);
    } catch (error) {
      const failure = describeFailure(entry.sheetsName, error);
      const code =
        failure.code === 'notAvailable'
          ? CustomFunctions.ErrorCode.notAvailable
          : CustomFunctions.ErrorCode.invalidValue;
      throw new CustomFunctions.Error(code, failure.message);
    }
  };
}
