from docmodels.cli import main

raise SystemExit(main())
