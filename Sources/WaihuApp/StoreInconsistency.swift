import Foundation

/// A row the use case has just written or locked is not there: a fault of the store, answered with a 500.
package struct StoreInconsistency: Error, CustomStringConvertible {
    package var description: String

    package init(_ missing: String) { description = "missing after write: \(missing)" }
}
