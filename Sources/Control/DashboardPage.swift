/// The dashboard: one self-contained page (no external scripts, styles or fonts).
enum DashboardPage {
    static let html = "<!doctype html><title>evsesim</title><p>dashboard</p>"
}
