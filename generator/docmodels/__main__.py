from docmodels.cli import console

console()
