# Times R's glm() on the logit benchmark's data: reading the CSV is not timed, only the fit.
# Usage: Rscript glm-timing.R <data.csv> <runs>
# Prints one `elapsed <seconds>` line per run, then `coef <term>\t<estimate>` lines.
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1], stringsAsFactors = FALSE)
# DuckDB writes booleans as true/false, which read.csv leaves as text.
for (name in names(data)) {
  if (is.character(data[[name]]) && all(data[[name]] %in% c("true", "false"))) {
    data[[name]] <- data[[name]] == "true"
  }
}
runs <- as.integer(args[2])
formula <- y ~ x1 + x2 + x3 + x4 + x5 + treated + events + region
fit <- NULL
for (run in seq_len(runs)) {
  timing <- system.time(fit <- glm(formula, family = binomial, data = data))
  cat(sprintf("elapsed %.6f\n", timing[["elapsed"]]))
}
estimates <- coef(fit)
for (term in names(estimates)) cat(sprintf("coef %s\t%.17g\n", term, estimates[[term]]))
