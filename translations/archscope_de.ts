<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ScoreCache</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line 1: expected the header &quot;hash,%2&quot;</source>
        <translation>%1, Zeile 1: erwartet wird die Kopfzeile „hash,%2“</translation>
    </message>
    <message>
        <source>%1, line %2: not a hash and a finite score</source>
        <translation>%1, Zeile %2: kein Hash mit endlicher Bewertung</translation>
    </message>
</context>
<context>
    <name>TrainedModels</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 lässt sich nicht anlegen</translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
</context>
<context>
    <name>archscope::CellEditor</name>
    <message>
        <source>Drag from a vertex to another to add an edge · Insert: add vertex · Delete: remove · 1/2/3: conv3x3/conv1x1/maxpool</source>
        <translation>Von einem Knoten zu einem anderen ziehen fügt eine Kante hinzu · Einfg: Knoten hinzufügen · Entf: entfernen · 1/2/3: conv3x3/conv1x1/maxpool</translation>
    </message>
    <message>
        <source>Valid cell</source>
        <translation>Gültige Zelle</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>Ungültig: %1</translation>
    </message>
</context>
<context>
    <name>archscope::CellInfoPanel</name>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the NAS-Bench-101 hash to the clipboard</source>
        <translation>Den NAS-Bench-101-Hash in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation>Gültigkeit:</translation>
    </message>
    <message>
        <source>Pruned ops:</source>
        <translation>Operationen (bereinigt):</translation>
    </message>
    <message>
        <source>Adjacency:</source>
        <translation>Adjazenz:</translation>
    </message>
    <message>
        <source>Hash:</source>
        <translation>Hash:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Accuracy at %1 epochs:</source>
        <translation>Genauigkeit nach %1 Epochen:</translation>
    </message>
    <message>
        <source>Predictor</source>
        <translation>Prädiktor</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Predictions:</source>
        <translation>Vorhersagen:</translation>
    </message>
    <message>
        <source>%1 epochs</source>
        <translation>%1 Epochen</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>Ungültig: %1</translation>
    </message>
    <message>
        <source>not in the dataset</source>
        <translation>nicht im Datensatz</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Predicted in %1 ms</source>
        <translation>Vorhergesagt in %1 ms</translation>
    </message>
    <message>
        <source>Test and validation accuracy of this cell&apos;s own network, trained here with Model ▸ Train This Cell</source>
        <translation>Test- und Validierungsgenauigkeit des eigenen Netzes dieser Zelle, hier trainiert mit Modell ▸ Diese Zelle trainieren</translation>
    </message>
    <message>
        <source>Measured here:</source>
        <translation>Hier gemessen:</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message numerus="yes">
        <source>test %1 · validation %2 (%3, %Ln epoch(s))</source>
        <translation>
            <numerusform>Test %1 · Validierung %2 (%3, %Ln Epoche)</numerusform>
            <numerusform>Test %1 · Validierung %2 (%3, %Ln Epochen)</numerusform>
        </translation>
    </message>
    <message>
        <source>score, no labels</source>
        <translation>Bewertung, ohne Labels</translation>
    </message>
    <message>
        <source>90% interval</source>
        <translation>90-%-Intervall</translation>
    </message>
    <message>
        <source>Holds about 90% of the accuracies of cells the model never saw: calibrated on labelled cells it did not train on (CV+). Models trained before intervals existed have none.</source>
        <translation>Enthält etwa 90 % der Genauigkeiten von Zellen, die das Modell nie gesehen hat: kalibriert an beschrifteten Zellen, auf denen es nicht trainiert wurde (CV+). Modelle, die vor den Intervallen trainiert wurden, haben keines.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>%1–%2 %</source>
        <translation>%1–%2 %</translation>
    </message>
    <message>
        <source>A label-free score, not an accuracy: exp(−loss) of the network whose weights the hypernetwork generates, on its own task&apos;s scoring images. Higher ranks higher.</source>
        <translation>Ein Wert ohne Labels, keine Genauigkeit: exp(−Verlust) des Netzes, dessen Gewichte das Hypernetz erzeugt, auf den Bewertungsbildern seiner eigenen Aufgabe. Höher rangiert höher.</translation>
    </message>
    <message>
        <source>%1&apos;s estimate of the cell&apos;s validation accuracy after %2 epochs of NAS-Bench-101 training</source>
        <translation>Schätzung von %1 für die Validierungsgenauigkeit der Zelle nach %2 Epochen NAS-Bench-101-Training</translation>
    </message>
    <message>
        <source>Label-free scores:</source>
        <translation>Bewertungen ohne Labels:</translation>
    </message>
    <message>
        <source>none chosen</source>
        <translation>keine gewählt</translation>
    </message>
    <message>
        <source>%1: …</source>
        <translation>%1: …</translation>
    </message>
    <message>
        <source>%1 could not be computed: %2</source>
        <translation>%1 ließ sich nicht berechnen: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2, above %3 % of the dataset&apos;s %4 scored cells</source>
        <translation>%1 %2, über %3 % der %4 bewerteten Zellen des Datensatzes</translation>
    </message>
    <message>
        <source>Label-free scores of the cell: zero-cost proxies of its network at initialisation or the GHN&apos;s score, no labels and no training (docs/ZERO-COST.md), and where each stands among the dataset&apos;s cells: the percentage of them that score lower. Choose them in Model ▸ Label-Free Score Columns.</source>
        <translation>Bewertungen der Zelle ohne Labels: Zero-Cost-Proxys ihres Netzes bei der Initialisierung oder die Bewertung des GHN, ohne Labels und ohne Training (docs/ZERO-COST.md), und wo jede unter den Zellen des Datensatzes steht: der Anteil der Zellen mit niedrigerer Bewertung. Auswahl unter Modell ▸ Spalten „Bewertung ohne Labels“.</translation>
    </message>
</context>
<context>
    <name>archscope::CellScene</name>
    <message>
        <source>Add vertex</source>
        <translation>Knoten hinzufügen</translation>
    </message>
    <message>
        <source>Remove vertex %1</source>
        <translation>Knoten %1 entfernen</translation>
    </message>
    <message>
        <source>Remove edge %1 → %2</source>
        <translation>Kante %1 → %2 entfernen</translation>
    </message>
    <message>
        <source>Set vertex %1 to %2</source>
        <translation>Knoten %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>Add edge %1 → %2</source>
        <translation>Kante %1 → %2 hinzufügen</translation>
    </message>
    <message>
        <source>Remove vertex</source>
        <translation>Knoten entfernen</translation>
    </message>
    <message>
        <source>Remove edge</source>
        <translation>Kante entfernen</translation>
    </message>
</context>
<context>
    <name>archscope::CellValidationText</name>
    <message>
        <source>the cell is valid</source>
        <translation>die Zelle ist gültig</translation>
    </message>
    <message numerus="yes">
        <source>a cell needs at least an input and an output vertex, it has %Ln</source>
        <translation>
            <numerusform>eine Zelle braucht mindestens einen Eingangs- und einen Ausgangsknoten, sie hat %Ln</numerusform>
            <numerusform>eine Zelle braucht mindestens einen Eingangs- und einen Ausgangsknoten, sie hat %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>edge %1 → %2 is a self-loop: the adjacency must be upper triangular (no cycles)</source>
        <translation>Kante %1 → %2 ist eine Schleife: die Adjazenzmatrix muss eine obere Dreiecksmatrix sein (keine Zyklen)</translation>
    </message>
    <message>
        <source>edge %1 → %2 goes backwards: the adjacency must be upper triangular (no cycles)</source>
        <translation>Kante %1 → %2 zeigt rückwärts: die Adjazenzmatrix muss eine obere Dreiecksmatrix sein (keine Zyklen)</translation>
    </message>
    <message>
        <source>the output (vertex %1) cannot be reached from the input</source>
        <translation>der Ausgang (Knoten %1) ist vom Eingang aus nicht erreichbar</translation>
    </message>
    <message numerus="yes">
        <source>%Ln vertices after pruning, at most %1 are allowed</source>
        <translation>
            <numerusform>%Ln Knoten nach dem Beschneiden, höchstens %1 sind erlaubt</numerusform>
            <numerusform>%Ln Knoten nach dem Beschneiden, höchstens %1 sind erlaubt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln edges after pruning, at most %1 are allowed</source>
        <translation>
            <numerusform>%Ln Kante nach dem Beschneiden, höchstens %1 sind erlaubt</numerusform>
            <numerusform>%Ln Kanten nach dem Beschneiden, höchstens %1 sind erlaubt</numerusform>
        </translation>
    </message>
    <message>
        <source>vertex 0 is “%1”, the first vertex must be “input”</source>
        <translation>Knoten 0 ist „%1“, der erste Knoten muss „input“ sein</translation>
    </message>
    <message>
        <source>vertex %1 is “%2”, the last vertex must be “output”</source>
        <translation>Knoten %1 ist „%2“, der letzte Knoten muss „output“ sein</translation>
    </message>
    <message>
        <source>vertex %1 is “%2”, interior vertices must be conv3x3-bn-relu, conv1x1-bn-relu or maxpool3x3</source>
        <translation>Knoten %1 ist „%2“, innere Knoten müssen conv3x3-bn-relu, conv1x1-bn-relu oder maxpool3x3 sein</translation>
    </message>
</context>
<context>
    <name>archscope::CellView</name>
    <message>
        <source>Cell editor</source>
        <translation>Zelleneditor</translation>
    </message>
    <message>
        <source>Add &amp;Vertex</source>
        <translation>&amp;Knoten hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove Selected</source>
        <translation>Auswahl &amp;entfernen</translation>
    </message>
    <message>
        <source>Set to conv3x3</source>
        <translation>Auf conv3x3 setzen</translation>
    </message>
    <message>
        <source>Set to conv1x1</source>
        <translation>Auf conv1x1 setzen</translation>
    </message>
    <message>
        <source>Set to maxpool</source>
        <translation>Auf maxpool setzen</translation>
    </message>
    <message>
        <source>NAS-Bench-101 cell</source>
        <translation>NAS-Bench-101-Zelle</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Select &amp;Next Vertex</source>
        <translation>Nächs&amp;ten Knoten wählen</translation>
    </message>
    <message>
        <source>Select P&amp;revious Vertex</source>
        <translation>&amp;Vorherigen Knoten wählen</translation>
    </message>
    <message>
        <source>Add or Remove an &amp;Edge…</source>
        <translation>K&amp;ante hinzufügen oder entfernen …</translation>
    </message>
    <message>
        <source>Choose a vertex to connect the selected one with, or to disconnect it from</source>
        <translation>Einen Knoten wählen, mit dem der ausgewählte verbunden oder von dem er getrennt wird</translation>
    </message>
    <message>
        <source>%1: remove edge %2</source>
        <translation>%1: Kante %2 entfernen</translation>
    </message>
    <message>
        <source>%1: add edge %2</source>
        <translation>%1: Kante %2 hinzufügen</translation>
    </message>
</context>
<context>
    <name>archscope::DatasetBrowser</name>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Vertices:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>Accuracy (108):</source>
        <translation>Genauigkeit (108):</translation>
    </message>
    <message>
        <source>conv3x3:</source>
        <translation>conv3x3:</translation>
    </message>
    <message>
        <source>conv1x1:</source>
        <translation>conv1x1:</translation>
    </message>
    <message>
        <source>maxpool:</source>
        <translation>maxpool:</translation>
    </message>
    <message>
        <source>%1 of %2 cells</source>
        <translation>%1 von %2 Zellen</translation>
    </message>
    <message>
        <source>Hash or its beginning</source>
        <translation>Hash oder sein Anfang</translation>
    </message>
    <message>
        <source>Show the cells whose NAS-Bench-101 hash starts with these hex digits</source>
        <translation>Die Zellen zeigen, deren NAS-Bench-101-Hash mit diesen Hexziffern beginnt</translation>
    </message>
    <message>
        <source>&amp;Hash:</source>
        <translation>&amp;Hash:</translation>
    </message>
</context>
<context>
    <name>archscope::DatasetTableModel</name>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Vertices</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Edges</source>
        <translation>Kanten</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Acc. 4 (%)</source>
        <translation>Gen. 4 (%)</translation>
    </message>
    <message>
        <source>Acc. 12 (%)</source>
        <translation>Gen. 12 (%)</translation>
    </message>
    <message>
        <source>Acc. 36 (%)</source>
        <translation>Gen. 36 (%)</translation>
    </message>
    <message>
        <source>Acc. 108 (%)</source>
        <translation>Gen. 108 (%)</translation>
    </message>
    <message>
        <source>Predicted (%)</source>
        <translation>Vorhergesagt (%)</translation>
    </message>
    <message>
        <source>Error (pp)</source>
        <translation>Fehler (Pp.)</translation>
    </message>
    <message>
        <source>Measured (%)</source>
        <translation>Gemessen (%)</translation>
    </message>
    <message>
        <source>No predictor has scored the dataset yet: open or train one</source>
        <translation>Noch kein Prädiktor hat den Datensatz bewertet: öffnen oder trainieren Sie einen</translation>
    </message>
    <message>
        <source>Validation accuracy at 108 epochs as %1 predicts it; choose the predictor in Model ▸ Predicted Column</source>
        <translation>Validierungsgenauigkeit nach 108 Epochen, wie %1 sie vorhersagt; den Prädiktor wählen Sie unter Modell ▸ Spalte „Vorhergesagt“</translation>
    </message>
    <message>
        <source>Predicted (%)
%1</source>
        <translation>Vorhergesagt (%)
%1</translation>
    </message>
    <message>
        <source>%1: a label-free score of each cell, computed without labels or training (docs/ZERO-COST.md); add or remove it in Model ▸ Label-Free Score Columns</source>
        <translation>%1: eine Bewertung jeder Zelle ohne Labels, ohne Training berechnet (docs/ZERO-COST.md); hinzufügen oder entfernen unter Modell ▸ Spalten „Bewertung ohne Labels“</translation>
    </message>
</context>
<context>
    <name>archscope::ExportNetworkDialog</name>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python-Skripte (*.py)</translation>
    </message>
    <message>
        <source>Export Network</source>
        <translation>Netzwerk exportieren</translation>
    </message>
    <message>
        <source>ONNX runs in any ONNX runtime; the PyTorch script needs only torch</source>
        <translation>ONNX läuft in jeder ONNX-Laufzeitumgebung; das PyTorch-Skript braucht nur torch</translation>
    </message>
    <message>
        <source>ONNX model</source>
        <translation>ONNX-Modell</translation>
    </message>
    <message>
        <source>PyTorch script</source>
        <translation>PyTorch-Skript</translation>
    </message>
    <message>
        <source>This build of ArchScope was made without libonnx-dev</source>
        <translation>Dieser Build von ArchScope wurde ohne libonnx-dev erstellt</translation>
    </message>
    <message>
        <source>Fresh weights, initialised as NAS-Bench-101 initialises them, or the trained weights and batch-norm statistics of one of this cell&apos;s Train This Cell runs</source>
        <translation>Frische Gewichte, initialisiert wie in NAS-Bench-101, oder die trainierten Gewichte und Batch-Norm-Statistiken eines Laufs von „Diese Zelle trainieren“</translation>
    </message>
    <message>
        <source>Fresh (NAS-Bench-101&apos;s initialisation)</source>
        <translation>Frisch (Initialisierung wie NAS-Bench-101)</translation>
    </message>
    <message>
        <source>Trained, run of %1</source>
        <translation>Trainiert, Lauf vom %1</translation>
    </message>
    <message>
        <source>The images the network takes</source>
        <translation>Die Bilder, die das Netzwerk erhält</translation>
    </message>
    <message>
        <source>CIFAR-10, 3 × 32 × 32</source>
        <translation>CIFAR-10, 3 × 32 × 32</translation>
    </message>
    <message>
        <source>Fashion-MNIST, 1 × 28 × 28</source>
        <translation>Fashion-MNIST, 1 × 28 × 28</translation>
    </message>
    <message>
        <source>Channels of the stem convolution; each stack doubles them</source>
        <translation>Kanäle der Stammfaltung; jeder Stapel verdoppelt sie</translation>
    </message>
    <message>
        <source>Stacks of modules, with a downsampling between two stacks</source>
        <translation>Stapel von Modulen, mit einer Verkleinerung zwischen zwei Stapeln</translation>
    </message>
    <message>
        <source>Copies of the cell in each stack</source>
        <translation>Kopien der Zelle in jedem Stapel</translation>
    </message>
    <message>
        <source>The file to write</source>
        <translation>Die zu schreibende Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingabe:</translation>
    </message>
    <message>
        <source>Stem channels:</source>
        <translation>Stammkanäle:</translation>
    </message>
    <message>
        <source>Stacks:</source>
        <translation>Stapel:</translation>
    </message>
    <message>
        <source>Modules per stack:</source>
        <translation>Module pro Stapel:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>The trained network keeps the input and size it was trained with.</source>
        <translation>Das trainierte Netzwerk behält die Eingabe und Größe, mit denen es trainiert wurde.</translation>
    </message>
    <message>
        <source>Stem 128 with 3 stacks of 3 modules is NAS-Bench-101&apos;s network.</source>
        <translation>Stamm 128 mit 3 Stapeln zu je 3 Modulen ist das Netzwerk von NAS-Bench-101.</translation>
    </message>
</context>
<context>
    <name>archscope::GuideDialog</name>
    <message>
        <source>ArchScope Guide</source>
        <translation>ArchScope-Anleitung</translation>
    </message>
    <message>
        <source>The guide is missing from this build.</source>
        <translation>Die Anleitung fehlt in diesem Build.</translation>
    </message>
</context>
<context>
    <name>archscope::LabelFreeRankingView</name>
    <message>
        <source>Validation accuracy at 108 epochs (%)</source>
        <translation>Validierungsgenauigkeit nach 108 Epochen (%)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>%1 over %2 cells of the dataset: Kendall τ %3, Spearman ρ %4; the parameter count on the same cells: τ %5</source>
        <translation>%1 über %2 Zellen des Datensatzes: Kendall-τ %3, Spearman-ρ %4; die Parameterzahl auf denselben Zellen: τ %5</translation>
    </message>
</context>
<context>
    <name>archscope::LatentAscentPanel</name>
    <message>
        <source>Climb from picked cell</source>
        <translation>Von der gewählten Zelle aufsteigen</translation>
    </message>
    <message>
        <source>Gradient ascent on the VS-GAE predictor from the cell picked on the map, decoding every step</source>
        <translation>Gradientenaufstieg auf dem VS-GAE-Prädiktor ab der auf der Karte gewählten Zelle, mit Dekodierung in jedem Schritt</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Best cells found by the climb</source>
        <translation>Beste beim Aufstieg gefundene Zellen</translation>
    </message>
    <message>
        <source>Open a VS-GAE predictor (archscope-cli train --model vsgae-latent) to climb.</source>
        <translation>Öffnen Sie einen VS-GAE-Prädiktor (archscope-cli train --model vsgae-latent), um aufzusteigen.</translation>
    </message>
    <message>
        <source>Pick a cell on the map to climb from.</source>
        <translation>Wählen Sie auf der Karte eine Zelle als Startpunkt.</translation>
    </message>
    <message>
        <source>Ready to climb with %1.</source>
        <translation>Bereit zum Aufstieg mit %1.</translation>
    </message>
    <message>
        <source>Climbing…</source>
        <translation>Aufstieg läuft…</translation>
    </message>
    <message>
        <source>Could not climb: %1</source>
        <translation>Aufstieg nicht möglich: %1</translation>
    </message>
    <message>
        <source>not in the dataset</source>
        <translation>nicht im Datensatz</translation>
    </message>
    <message>
        <source>Cancelled after %1 steps.</source>
        <translation>Nach %1 Schritten abgebrochen.</translation>
    </message>
    <message>
        <source>%1 steps.</source>
        <translation>%1 Schritte.</translation>
    </message>
    <message>
        <source>true %1</source>
        <translation>wahr %1</translation>
    </message>
    <message>
        <source>predicted %1 · %2 · %3 vertices · step %4</source>
        <translation>vorhergesagt %1 · %2 · %3 Knoten · Schritt %4</translation>
    </message>
    <message>
        <source>no valid cell</source>
        <translation>keine gültige Zelle</translation>
    </message>
    <message numerus="yes">
        <source>Start cell predicted %1, best cell found %2; %Ln distinct valid cell(s) decoded.</source>
        <translation>
            <numerusform>Startzelle vorhergesagt %1, beste gefundene Zelle %2; %Ln gültige Zelle dekodiert.</numerusform>
            <numerusform>Startzelle vorhergesagt %1, beste gefundene Zelle %2; %Ln verschiedene gültige Zellen dekodiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>archscope::LatentMapWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop encoding the dataset</source>
        <translation>Kodieren des Datensatzes abbrechen</translation>
    </message>
    <message>
        <source>principal component 1</source>
        <translation>Hauptkomponente 1</translation>
    </message>
    <message>
        <source>principal component 2</source>
        <translation>Hauptkomponente 2</translation>
    </message>
    <message>
        <source>Walk along the path between the two picked cells</source>
        <translation>Den Pfad zwischen den beiden gewählten Zellen entlanggehen</translation>
    </message>
    <message>
        <source>No VS-GAE model is loaded. Train one with &lt;code&gt;archscope-cli train-vsgae&lt;/code&gt; and open it with Model ▸ Open VS-GAE Model…</source>
        <translation>Kein VS-GAE-Modell geladen. Trainieren Sie eines mit &lt;code&gt;archscope-cli train-vsgae&lt;/code&gt; und öffnen Sie es mit Modell ▸ VS-GAE-Modell öffnen…</translation>
    </message>
    <message>
        <source>%1 is loaded; open a dataset to map it.</source>
        <translation>%1 ist geladen; öffnen Sie einen Datensatz, um ihn abzubilden.</translation>
    </message>
    <message>
        <source>Encoding cancelled.</source>
        <translation>Kodieren abgebrochen.</translation>
    </message>
    <message>
        <source>Encoding failed: %1</source>
        <translation>Kodieren fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>%1 ✗</source>
        <translation>%1 ✗</translation>
    </message>
    <message>
        <source>invalid: %1</source>
        <translation>ungültig: %1</translation>
    </message>
    <message>
        <source>Path of %1 steps: %2 valid, %3 invalid.</source>
        <translation>Pfad mit %1 Schritten: %2 gültig, %3 ungültig.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>validation accuracy (%)</source>
        <translation>Val.-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Shift-click a second cell for the path to it, or climb from this one below.</source>
        <translation>Umschalt-Klick auf eine zweite Zelle zeigt den Pfad dorthin; oder steigen Sie unten von dieser auf.</translation>
    </message>
    <message>
        <source>Export Map…</source>
        <translation>Karte exportieren …</translation>
    </message>
    <message>
        <source>Save the map as a picture (PNG, SVG, PDF) or its points as CSV</source>
        <translation>Die Karte als Bild (PNG, SVG, PDF) oder ihre Punkte als CSV speichern</translation>
    </message>
    <message>
        <source>Export Map</source>
        <translation>Karte exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG images (*.svg);;PDF documents (*.pdf);;CSV files (*.csv)</source>
        <translation>PNG-Bilder (*.png);;SVG-Bilder (*.svg);;PDF-Dokumente (*.pdf);;CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Encoding %Ln cell(s) with %1…</source>
        <translation>
            <numerusform>Kodiere %Ln Zelle mit %1…</numerusform>
            <numerusform>Kodiere %Ln Zellen mit %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln cell(s); the two components explain %2 of the variance. Click a cell to open it, shift-click a second one for the path between them, right-click to decode a place.</source>
        <translation>
            <numerusform>%1: %Ln Zelle; die beiden Komponenten erklären %2 der Varianz. Klicken Sie auf eine Zelle, um sie zu öffnen, Umschalt-Klick auf eine zweite zeigt den Pfad dazwischen, Rechtsklick dekodiert eine Stelle.</numerusform>
            <numerusform>%1: %Ln Zellen; die beiden Komponenten erklären %2 der Varianz. Klicken Sie auf eine Zelle, um sie zu öffnen, Umschalt-Klick auf eine zweite zeigt den Pfad dazwischen, Rechtsklick dekodiert eine Stelle.</numerusform>
        </translation>
    </message>
    <message>
        <source>No cell here: shift-click on a point to end the path there.</source>
        <translation>Hier ist keine Zelle: Umschalt-Klick auf einen Punkt beendet den Pfad dort.</translation>
    </message>
    <message>
        <source>No cell here: click on a point to open its cell, or right-click to decode this place.</source>
        <translation>Hier ist keine Zelle: Klicken Sie auf einen Punkt, um seine Zelle zu öffnen, oder mit der rechten Maustaste, um diese Stelle zu dekodieren.</translation>
    </message>
    <message>
        <source>%1
validation accuracy %2</source>
        <translation>%1
Validierungsgenauigkeit %2</translation>
    </message>
    <message>
        <source>Decoded the marked place into cell %1, now in the editor. Click a point to pick a cell.</source>
        <translation>Die markierte Stelle wurde zu Zelle %1 dekodiert, jetzt im Editor. Klicken Sie auf einen Punkt, um eine Zelle zu wählen.</translation>
    </message>
    <message>
        <source>Decoded the marked place into an invalid cell (%1), now in the editor. Click a point to pick a cell.</source>
        <translation>Die markierte Stelle wurde zu einer ungültigen Zelle dekodiert (%1), jetzt im Editor. Klicken Sie auf einen Punkt, um eine Zelle zu wählen.</translation>
    </message>
</context>
<context>
    <name>archscope::MainWindow</name>
    <message>
        <source>ArchScope</source>
        <translation>ArchScope</translation>
    </message>
    <message>
        <source>Pick from dataset</source>
        <translation>Aus dem Datensatz übernehmen</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training %1 without a model</source>
        <translation>Training: %1, ohne Modell</translation>
    </message>
    <message>
        <source>Cell Editor</source>
        <translation>Zelleneditor</translation>
    </message>
    <message>
        <source>Cell Info</source>
        <translation>Zelleninfo</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>No dataset: %1</source>
        <translation>Kein Datensatz: %1</translation>
    </message>
    <message>
        <source>No bundled predictor (resources/models/gnn-default.safetensors); train one with Model ▸ Train Predictor</source>
        <translation>Kein mitgelieferter Prädiktor (resources/models/gnn-default.safetensors); trainieren Sie einen mit Modell ▸ Prädiktor trainieren</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <source>Could not open the dataset: %1</source>
        <translation>Der Datensatz konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Could not open the model: %1</source>
        <translation>Das Modell konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Open a dataset first</source>
        <translation>Öffnen Sie zuerst einen Datensatz</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 · %2 cells</source>
        <translation>%1 · %2 Zellen</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>kein Datensatz</translation>
    </message>
    <message>
        <source>&amp;Train Predictor…</source>
        <translation>Prädiktor &amp;trainieren …</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Cancel Training</source>
        <translation>Training &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation>&amp;Datensatz öffnen …</translation>
    </message>
    <message>
        <source>Recent Datasets</source>
        <translation>Zuletzt geöffnete Datensätze</translation>
    </message>
    <message>
        <source>&amp;Import NAS-Bench-101 tfrecord…</source>
        <translation>NAS-Bench-101-tfrecord &amp;importieren …</translation>
    </message>
    <message>
        <source>The tfrecord importer is not part of this build</source>
        <translation>Der tfrecord-Import ist in diesem Build nicht enthalten</translation>
    </message>
    <message>
        <source>Open &amp;Cell…</source>
        <translation>&amp;Zelle öffnen …</translation>
    </message>
    <message>
        <source>Open Cell</source>
        <translation>Zelle öffnen</translation>
    </message>
    <message>
        <source>Cell files (*.json)</source>
        <translation>Zellendateien (*.json)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Recent Cells</source>
        <translation>Zuletzt geöffnete Zellen</translation>
    </message>
    <message>
        <source>&amp;Save Cell…</source>
        <translation>Zelle &amp;speichern …</translation>
    </message>
    <message>
        <source>&amp;Export Cell Image…</source>
        <translation>Zellenbild &amp;exportieren …</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;New Cell</source>
        <translation>&amp;Neue Zelle</translation>
    </message>
    <message>
        <source>New cell</source>
        <translation>Neue Zelle</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>Modell ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation>Modell &amp;speichern …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About ArchScope</source>
        <translation>Ü&amp;ber ArchScope</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Save Cell</source>
        <translation>Zelle speichern</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>ArchScope models (*.safetensors)</source>
        <translation>ArchScope-Modelle (*.safetensors)</translation>
    </message>
    <message>
        <source>No model to save: open or train one first</source>
        <translation>Kein Modell zum Speichern: öffnen oder trainieren Sie zuerst eines</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Export Cell Image</source>
        <translation>Zellenbild exportieren</translation>
    </message>
    <message>
        <source>SVG images (*.svg);;PNG images (*.png)</source>
        <translation>SVG-Bilder (*.svg);;PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>About ArchScope</source>
        <translation>Über ArchScope</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;ArchScope %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;An explorer for the NAS-Bench-101 search space: edit a cell and see its predicted accuracy, browse the benchmark, train accuracy predictors.&lt;/p&gt;&lt;p&gt;NAS-Bench-101 by Ying et al. (ICML 2019), Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;ArchScope %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ein Explorer für den NAS-Bench-101-Suchraum: Zellen bearbeiten und ihre vorhergesagte Genauigkeit sehen, den Benchmark durchsuchen, Genauigkeitsprädiktoren trainieren.&lt;/p&gt;&lt;p&gt;NAS-Bench-101 von Ying et al. (ICML 2019), Apache-Lizenz 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open &amp;Best Cell in Dataset</source>
        <translation>&amp;Beste Zelle im Datensatz öffnen</translation>
    </message>
    <message>
        <source>Recent Models</source>
        <translation>Zuletzt geöffnete Modelle</translation>
    </message>
    <message>
        <source>%1 could not predict the dataset: %2</source>
        <translation>%1 konnte den Datensatz nicht vorhersagen: %2</translation>
    </message>
    <message>
        <source>Pick from latent map</source>
        <translation>Aus der latenten Karte wählen</translation>
    </message>
    <message>
        <source>Decode from latent space</source>
        <translation>Aus dem latenten Raum dekodieren</translation>
    </message>
    <message>
        <source>Latent Space</source>
        <translation>Latenter Raum</translation>
    </message>
    <message>
        <source>Could not open the VS-GAE model: %1</source>
        <translation>Das VS-GAE-Modell konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Open &amp;VS-GAE Model…</source>
        <translation>&amp;VS-GAE-Modell öffnen…</translation>
    </message>
    <message>
        <source>Open VS-GAE Model</source>
        <translation>VS-GAE-Modell öffnen</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot import %1: the tfrecord importer is not part of this build</source>
        <translation>%1 kann nicht importiert werden: der tfrecord-Import ist nicht Teil dieses Builds</translation>
    </message>
    <message>
        <source>Import NAS-Bench-101 tfrecord</source>
        <translation>NAS-Bench-101-tfrecord importieren</translation>
    </message>
    <message>
        <source>NAS-Bench-101 records (*.tfrecord);;All files (*)</source>
        <translation>NAS-Bench-101-Einträge (*.tfrecord);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save the Imported Dataset</source>
        <translation>Importierten Datensatz speichern</translation>
    </message>
    <message>
        <source>ArchScope dataset caches (*.nb101cache)</source>
        <translation>ArchScope-Datensatz-Caches (*.nb101cache)</translation>
    </message>
    <message>
        <source>NAS-Bench-101 data (*.jsonl *.jsonl.gz *.nb101cache);;All files (*)</source>
        <translation>NAS-Bench-101-Daten (*.jsonl *.jsonl.gz *.nb101cache);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>cancelled; nothing was written</source>
        <translation>abgebrochen; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Pick from latent climb</source>
        <translation>Auswahl aus dem latenten Aufstieg</translation>
    </message>
    <message>
        <source>Could not open the bundled VS-GAE predictor: %1</source>
        <translation>Der mitgelieferte VS-GAE-Prädiktor konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1, %2 cells, seed %3</source>
        <translation>%1, %2 Zellen, Seed %3</translation>
    </message>
    <message>
        <source>%1 — ArchScope</source>
        <translation>%1 — ArchScope</translation>
    </message>
    <message numerus="yes">
        <source>%1, %Ln thread(s)</source>
        <translation>
            <numerusform>%1, %Ln Thread</numerusform>
            <numerusform>%1, %Ln Threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln predictor(s)</source>
        <translation>
            <numerusform>%Ln Prädiktor</numerusform>
            <numerusform>%Ln Prädiktoren</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Anleitung</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Train T&amp;his Cell…</source>
        <translation>Diese &amp;Zelle trainieren …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>Train the edited cell&apos;s own network on Fashion-MNIST or CIFAR-10 and record its accuracy</source>
        <translation>Das eigene Netz der bearbeiteten Zelle auf Fashion-MNIST oder CIFAR-10 trainieren und seine Genauigkeit festhalten</translation>
    </message>
    <message>
        <source>Only a valid cell has a network to train</source>
        <translation>Nur eine gültige Zelle hat ein Netz, das sich trainieren lässt</translation>
    </message>
    <message>
        <source>Training the cell&apos;s network failed: %1</source>
        <translation>Das Training des Zellennetzes ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training the cell&apos;s network %1; nothing was recorded</source>
        <translation>Training des Zellennetzes: %1; nichts wurde festgehalten</translation>
    </message>
    <message>
        <source>Could not record the measured accuracy: %1</source>
        <translation>Die gemessene Genauigkeit konnte nicht festgehalten werden: %1</translation>
    </message>
    <message>
        <source>The cell&apos;s network reached %1 % test accuracy; recorded in %2</source>
        <translation>Das Zellennetz erreichte %1 % Testgenauigkeit; festgehalten in %2</translation>
    </message>
    <message>
        <source>&amp;Copy Cell</source>
        <translation>Zelle &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the cell as a JSON record of the dataset&apos;s format</source>
        <translation>Die Zelle als JSON-Datensatz im Format des Datensatzes kopieren</translation>
    </message>
    <message>
        <source>Copy Cell as &amp;ModelSpec</source>
        <translation>Zelle als &amp;ModelSpec kopieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy the cell as NAS-Bench-101&apos;s ModelSpec(matrix=…, ops=…), for its Python API</source>
        <translation>Die Zelle als ModelSpec(matrix=…, ops=…) von NAS-Bench-101 kopieren, für dessen Python-API</translation>
    </message>
    <message>
        <source>&amp;Paste Cell</source>
        <translation>Zelle ein&amp;fügen</translation>
    </message>
    <message>
        <source>Replace the cell by one copied as JSON or as a ModelSpec</source>
        <translation>Die Zelle durch eine als JSON oder als ModelSpec kopierte ersetzen</translation>
    </message>
    <message>
        <source>Copied the cell as a ModelSpec</source>
        <translation>Zelle als ModelSpec kopiert</translation>
    </message>
    <message>
        <source>Copied the cell as JSON</source>
        <translation>Zelle als JSON kopiert</translation>
    </message>
    <message>
        <source>clipboard</source>
        <translation>Zwischenablage</translation>
    </message>
    <message>
        <source>Paste cell</source>
        <translation>Zelle einfügen</translation>
    </message>
    <message>
        <source>Pasted the cell</source>
        <translation>Zelle eingefügt</translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation>Einfügen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Training %1; the model is among the predictors but could not be kept: %2</source>
        <translation>Training %1; das Modell ist unter den Prädiktoren, konnte aber nicht aufbewahrt werden: %2</translation>
    </message>
    <message>
        <source>Training %1; the model is among the predictors, kept as %2</source>
        <translation>Training %1; das Modell ist unter den Prädiktoren, aufbewahrt als %2</translation>
    </message>
    <message>
        <source>Quit ArchScope</source>
        <translation>ArchScope beenden</translation>
    </message>
    <message>
        <source>A training run is in progress. Its model is kept in your data folder when it ends.</source>
        <translation>Ein Training läuft. Sein Modell wird an seinem Ende in Ihrem Datenordner aufbewahrt.</translation>
    </message>
    <message>
        <source>Quit When Done</source>
        <translation>Nach dem Ende beenden</translation>
    </message>
    <message>
        <source>Stop and Keep Its Model</source>
        <translation>Anhalten und Modell behalten</translation>
    </message>
    <message>
        <source>Discard the Run</source>
        <translation>Training verwerfen</translation>
    </message>
    <message>
        <source>Stopping the run; the window closes once its model is kept</source>
        <translation>Das Training wird angehalten; das Fenster schließt, sobald sein Modell aufbewahrt ist</translation>
    </message>
    <message>
        <source>The window closes when the run ends</source>
        <translation>Das Fenster schließt, wenn das Training endet</translation>
    </message>
    <message>
        <source>The cell&apos;s network is training. Its accuracy is recorded when the run completes.</source>
        <translation>Das Netz der Zelle wird trainiert. Seine Genauigkeit wird aufgezeichnet, wenn das Training vollständig durchläuft.</translation>
    </message>
    <message>
        <source>Stop the Run</source>
        <translation>Training anhalten</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Put every panel back where it was at first start</source>
        <translation>Jedes Feld dorthin zurücksetzen, wo es beim ersten Start war</translation>
    </message>
    <message>
        <source>Show this predictor&apos;s values in the dataset&apos;s Predicted column</source>
        <translation>Die Werte dieses Prädiktors in der Spalte „Vorhergesagt“ des Datensatzes zeigen</translation>
    </message>
    <message>
        <source>The Predicted column will show %1</source>
        <translation>Die Spalte „Vorhergesagt“ zeigt gleich %1</translation>
    </message>
    <message>
        <source>No predictor of datasets loaded</source>
        <translation>Kein Prädiktor für Datensätze geladen</translation>
    </message>
    <message>
        <source>Predicted &amp;Column</source>
        <translation>Spa&amp;lte „Vorhergesagt“</translation>
    </message>
    <message>
        <source>Export &amp;Network…</source>
        <translation>&amp;Netzwerk exportieren …</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>The edited cell&apos;s network as an ONNX model or a PyTorch script</source>
        <translation>Das Netzwerk der bearbeiteten Zelle als ONNX-Modell oder PyTorch-Skript</translation>
    </message>
    <message>
        <source>Only a valid cell has a network to export</source>
        <translation>Nur eine gültige Zelle hat ein Netzwerk zum Exportieren</translation>
    </message>
    <message>
        <source>Exporting the network to %1…</source>
        <translation>Das Netzwerk wird nach %1 exportiert …</translation>
    </message>
    <message>
        <source>Export Network</source>
        <translation>Netzwerk exportieren</translation>
    </message>
    <message>
        <source>Could not export the network: %1</source>
        <translation>Das Netzwerk konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Exported the network (%1 trainable parameters) to %2</source>
        <translation>Das Netzwerk (%1 trainierbare Parameter) wurde nach %2 exportiert</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Unloaded %1; its file stays in the Models panel</source>
        <translation>%1 entladen; seine Datei bleibt in der Modellliste</translation>
    </message>
    <message>
        <source>Delete Model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete %1? Its model file, settings and training curves are removed from the disk.</source>
        <translation>%1 löschen? Modelldatei, Einstellungen und Trainingskurven werden von der Festplatte entfernt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Could not delete the model: %1</source>
        <translation>Das Modell konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Rename Model</source>
        <translation>Modell umbenennen</translation>
    </message>
    <message>
        <source>Could not rename the model: %1</source>
        <translation>Das Modell konnte nicht umbenannt werden: %1</translation>
    </message>
    <message>
        <source>%1; %2 training and %3 validation images</source>
        <translation>%1; %2 Trainings- und %3 Validierungsbilder</translation>
    </message>
    <message>
        <source>cell %1 on %2, stem %3, %4 × %5</source>
        <translation>Zelle %1 auf %2, Stamm %3, %4 × %5</translation>
    </message>
    <message>
        <source>Training %1; the model is among the predictors, kept as %2; Resume in the Models panel continues its run</source>
        <translation>Training %1; das Modell ist unter den Prädiktoren, aufbewahrt als %2; „Fortsetzen“ im Modelle-Bereich setzt seinen Lauf fort</translation>
    </message>
    <message>
        <source>%1 has no stopped run to resume</source>
        <translation>%1 hat keinen angehaltenen Lauf zum Fortsetzen</translation>
    </message>
    <message>
        <source>A run is in progress: resume %1 once it has ended</source>
        <translation>Ein Lauf ist im Gang: %1 erst fortsetzen, wenn er beendet ist</translation>
    </message>
    <message>
        <source>%1 trained on %2: open that dataset to resume its run</source>
        <translation>%1 wurde auf %2 trainiert: Öffnen Sie diesen Datensatz, um seinen Lauf fortzusetzen</translation>
    </message>
    <message>
        <source>Label-Free &amp;Ranking…</source>
        <translation>&amp;Rangfolge ohne Labels …</translation>
    </message>
    <message>
        <source>Reads a fixed batch of Fashion-MNIST images</source>
        <translation>Liest einen festen Stapel Fashion-MNIST-Bilder</translation>
    </message>
    <message>
        <source>Data-free: no images</source>
        <translation>Datenfrei: keine Bilder</translation>
    </message>
    <message>
        <source>Scoring the dataset&apos;s cells with %1: %2 of %3</source>
        <translation>Bewerte die Zellen des Datensatzes mit %1: %2 von %3</translation>
    </message>
    <message>
        <source>%1: %2 of the dataset&apos;s cells scored, %3 of them now; kept in %4</source>
        <translation>%1: %2 Zellen des Datensatzes bewertet, %3 davon jetzt; gespeichert in %4</translation>
    </message>
    <message>
        <source>%1: stopped after %2 of the dataset&apos;s cells; what was scored is kept</source>
        <translation>%1: nach %2 Zellen des Datensatzes angehalten; das Bewertete bleibt gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>; %Ln problem(s), the first: %1</source>
        <translation>
            <numerusform>; %Ln Problem, das erste: %1</numerusform>
            <numerusform>; %Ln Probleme, das erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>The bundled Graph HyperNetwork&apos;s score: exp(−loss) of the network it generates, on 500 Fashion-MNIST images. About half a second per cell: the percentile in Cell Info is among the cells scored so far</source>
        <translation>Der Wert des mitgelieferten Graph HyperNetwork: exp(−Verlust) des Netzes, das es erzeugt, auf 500 Fashion-MNIST-Bildern. Etwa eine halbe Sekunde je Zelle: das Perzentil in Zelleninfo bezieht sich auf die bisher bewerteten Zellen</translation>
    </message>
    <message>
        <source>Could not read the GHN: %1</source>
        <translation>Das GHN konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Label-Free Score Columns</source>
        <translation>Spalten „Bewertung ohne La&amp;bels“</translation>
    </message>
    <message>
        <source>Remove All</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <source>Removes every score column and stops their computing; what was computed stays cached</source>
        <translation>Entfernt alle Bewertungsspalten und beendet ihre Berechnung; was berechnet wurde, bleibt gespeichert</translation>
    </message>
    <message>
        <source>Add a score in Model ▸ Label-Free Score Columns first</source>
        <translation>Fügen Sie zuerst eine Bewertung unter Modell ▸ Spalten „Bewertung ohne Labels“ hinzu</translation>
    </message>
    <message>
        <source>Label-Free Ranking</source>
        <translation>Rangfolge ohne Labels</translation>
    </message>
    <message>
        <source>The score plotted: one of the dataset&apos;s label-free columns, as far as it is computed</source>
        <translation>Die dargestellte Bewertung: eine der Spalten ohne Labels des Datensatzes, so weit sie berechnet ist</translation>
    </message>
</context>
<context>
    <name>archscope::ModelNameText</name>
    <message>
        <source>random</source>
        <comment>training cells drawn at random</comment>
        <translation>zufällig</translation>
    </message>
    <message>
        <source>even</source>
        <comment>training cells drawn evenly over the vertex counts</comment>
        <translation>gleichmäßig</translation>
    </message>
    <message>
        <source>edit</source>
        <comment>training cells drawn far apart in edit distance</comment>
        <translation>nach Editierdistanz</translation>
    </message>
    <message>
        <source>%1 cells</source>
        <translation>%1 Zellen</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>≤ %1 vertices</source>
        <translation>≤ %1 Knoten</translation>
    </message>
    <message>
        <source>ensemble of %1</source>
        <translation>Ensemble aus %1</translation>
    </message>
    <message>
        <source>VS-GAE latent</source>
        <translation>VS-GAE-Latent</translation>
    </message>
    <message>
        <source>%1 %2 images</source>
        <translation>%1 %2-Bilder</translation>
    </message>
    <message>
        <source>ndim %1</source>
        <translation>ndim %1</translation>
    </message>
</context>
<context>
    <name>archscope::ModelsPanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Training cells</source>
        <translation>Trainingszellen</translation>
    </message>
    <message>
        <source>Best τ</source>
        <translation>Bestes τ</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <source>The best Kendall τ on the run&apos;s validation cells</source>
        <translation>Das beste Kendall-τ auf den Validierungszellen des Laufs</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Laden</translation>
    </message>
    <message>
        <source>Add this predictor to those that score the edited cell</source>
        <translation>Diesen Prädiktor zu denen hinzufügen, die die bearbeitete Zelle bewerten</translation>
    </message>
    <message>
        <source>&amp;Unload</source>
        <translation>&amp;Entladen</translation>
    </message>
    <message>
        <source>Stop using this predictor; its file stays</source>
        <translation>Diesen Prädiktor nicht mehr verwenden; seine Datei bleibt</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Lö&amp;schen …</translation>
    </message>
    <message>
        <source>Remove this model&apos;s files from the disk</source>
        <translation>Die Dateien dieses Modells von der Festplatte entfernen</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Open the folder that holds the models</source>
        <translation>Den Ordner mit den Modellen öffnen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Go on training this model&apos;s run from where it stopped</source>
        <translation>Den Lauf dieses Modells dort weitertrainieren, wo er angehalten wurde</translation>
    </message>
    <message>
        <source>%1
Its run stopped before its end (%2); Resume goes on from its checkpoint</source>
        <translation>%1
Sein Lauf wurde vor dem Ende angehalten (%2); „Fortsetzen“ macht bei seinem Checkpoint weiter</translation>
    </message>
</context>
<context>
    <name>archscope::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A new language takes effect when ArchScope starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von ArchScope.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Farbschema:</translation>
    </message>
</context>
<context>
    <name>archscope::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
</context>
<context>
    <name>archscope::StopReasonText</name>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>vorzeitig beendet</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>diverged: %1</source>
        <translation>divergiert: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>archscope::TrainDialog</name>
    <message>
        <source>Train Predictor</source>
        <translation>Prädiktor trainieren</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Even (grid)</source>
        <translation>Gleichmäßig (Gitter)</translation>
    </message>
    <message>
        <source>Edit distance</source>
        <translation>Editierdistanz</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Training cells:</source>
        <translation>Trainingszellen:</translation>
    </message>
    <message>
        <source>Validation cells:</source>
        <translation>Validierungszellen:</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>Stichprobe:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Node dimension:</source>
        <translation>Knotendimension:</translation>
    </message>
    <message>
        <source>Graph dimension:</source>
        <translation>Graphdimension:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Members trained one after another; their predictions are averaged</source>
        <translation>Nacheinander trainierte Mitglieder; ihre Vorhersagen werden gemittelt</translation>
    </message>
    <message>
        <source>Ensemble members:</source>
        <translation>Ensemble-Mitglieder:</translation>
    </message>
    <message>
        <source>Which predictor to train</source>
        <translation>Welcher Prädiktor trainiert wird</translation>
    </message>
    <message>
        <source>Quick (one member, fewer epochs)</source>
        <translation>Schnell (ein Mitglied, weniger Epochen)</translation>
    </message>
    <message>
        <source>Full (as archscope-cli train)</source>
        <translation>Vollständig (wie archscope-cli train)</translation>
    </message>
    <message>
        <source>Fills in the fields below; both train a working predictor</source>
        <translation>Füllt die Felder unten aus; beide trainieren einen brauchbaren Prädiktor</translation>
    </message>
    <message>
        <source>Cells the predictor learns from</source>
        <translation>Zellen, aus denen der Prädiktor lernt</translation>
    </message>
    <message>
        <source>Cells held out to choose each member&apos;s best epoch and to draw the correlation plot</source>
        <translation>Zurückgehaltene Zellen, an denen die beste Epoche jedes Mitglieds gewählt und das Korrelationsdiagramm gezeichnet wird</translation>
    </message>
    <message>
        <source>Passes over the training cells, per ensemble member</source>
        <translation>Durchläufe über die Trainingszellen, je Ensemble-Mitglied</translation>
    </message>
    <message>
        <source>Cells per optimisation step</source>
        <translation>Zellen je Optimierungsschritt</translation>
    </message>
    <message>
        <source>Size of each vertex&apos;s state in message passing</source>
        <translation>Größe des Zustands jedes Knotens beim Message Passing</translation>
    </message>
    <message>
        <source>Size of the cell&apos;s embedding that the regressor reads</source>
        <translation>Größe der Zelleneinbettung, die der Regressor liest</translation>
    </message>
    <message>
        <source>Seed of the split, the initialisation and the batches</source>
        <translation>Seed der Aufteilung, der Initialisierung und der Batches</translation>
    </message>
    <message>
        <source>How the training cells are drawn from the dataset</source>
        <translation>Wie die Trainingszellen aus dem Datensatz gezogen werden</translation>
    </message>
    <message>
        <source>Where the training runs</source>
        <translation>Wo das Training läuft</translation>
    </message>
    <message>
        <source>Predictor:</source>
        <translation>Prädiktor:</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Reads the latent code of %1</source>
        <translation>Liest den latenten Code von %1</translation>
    </message>
    <message>
        <source>Passes over the dataset&apos;s cells in which the encoder learns what a cell&apos;s structure alone tells (its network&apos;s size and cost, depth, op counts), before it sees an accuracy; 0: none</source>
        <translation>Durchläufe über die Zellen des Datensatzes, in denen der Encoder lernt, was die Struktur einer Zelle allein verrät (Größe und Kosten ihres Netzes, Tiefe, Anzahl der Operationen), bevor er eine Genauigkeit sieht; 0: keine</translation>
    </message>
    <message>
        <source>Label-free pre-training epochs:</source>
        <translation>Epochen des Vortrainings ohne Labels:</translation>
    </message>
</context>
<context>
    <name>archscope::TrainNetDialog</name>
    <message>
        <source>Train This Cell</source>
        <translation>Diese Zelle trainieren</translation>
    </message>
    <message>
        <source>The image classification task the cell&apos;s network learns</source>
        <translation>Die Bildklassifikationsaufgabe, die das Netz der Zelle lernt</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>CIFAR-10</source>
        <translation>CIFAR-10</translation>
    </message>
    <message>
        <source>Folder of the task&apos;s files: Fashion-MNIST&apos;s four IDX files (train-images-idx3-ubyte …, gzip-compressed or not) or CIFAR-10&apos;s binary batches (data_batch_1.bin … test_batch.bin)</source>
        <translation>Ordner der Dateien der Aufgabe: die vier IDX-Dateien von Fashion-MNIST (train-images-idx3-ubyte …, gzip-komprimiert oder nicht) oder die binären Batches von CIFAR-10 (data_batch_1.bin … test_batch.bin)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Channels of the stem convolution; each stack doubles them</source>
        <translation>Kanäle der Stammfaltung; jeder Stapel verdoppelt sie</translation>
    </message>
    <message>
        <source>Stacks of modules, with a downsampling between two stacks</source>
        <translation>Stapel von Modulen, mit einer Verkleinerung zwischen zwei Stapeln</translation>
    </message>
    <message>
        <source>Copies of the cell in each stack</source>
        <translation>Kopien der Zelle in jedem Stapel</translation>
    </message>
    <message>
        <source>Passes over the training images</source>
        <translation>Durchläufe über die Trainingsbilder</translation>
    </message>
    <message>
        <source>Train on the first this many training images (all: every one)</source>
        <translation>Auf so vielen der ersten Trainingsbilder trainieren (alle: auf jedem)</translation>
    </message>
    <message>
        <source>Validation and test images scored after each epoch (all: every one)</source>
        <translation>Validierungs- und Testbilder, die nach jeder Epoche bewertet werden (alle: jedes)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Where the training runs</source>
        <translation>Wo das Training läuft</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Stem channels:</source>
        <translation>Stammkanäle:</translation>
    </message>
    <message>
        <source>Stacks:</source>
        <translation>Stapel:</translation>
    </message>
    <message>
        <source>Modules per stack:</source>
        <translation>Module pro Stapel:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>Trainingsbilder:</translation>
    </message>
    <message>
        <source>Evaluation images:</source>
        <translation>Bewertungsbilder:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>required: the folder of data_batch_1.bin …</source>
        <translation>erforderlich: der Ordner von data_batch_1.bin …</translation>
    </message>
    <message>
        <source>Debian&apos;s dataset-fashion-mnist</source>
        <translation>dataset-fashion-mnist von Debian</translation>
    </message>
    <message>
        <source>Folder of the Task&apos;s Files</source>
        <translation>Ordner der Dateien der Aufgabe</translation>
    </message>
</context>
<context>
    <name>archscope::TrainingMonitor</name>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>true accuracy (%)</source>
        <translation>wahre Genauigkeit (%)</translation>
    </message>
    <message>
        <source>predicted accuracy (%)</source>
        <translation>vorhergesagte Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Kendall τ</source>
        <translation>Kendall τ</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>train (step)</source>
        <translation>Training (Schritt)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>Training (Epoche)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>overlay train</source>
        <translation>Vergleich Training</translation>
    </message>
    <message>
        <source>overlay validation</source>
        <translation>Vergleich Validierung</translation>
    </message>
    <message>
        <source>validation cells</source>
        <translation>Validierungszellen</translation>
    </message>
    <message>
        <source>ideal</source>
        <translation>ideal</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>dieser Lauf</translation>
    </message>
    <message>
        <source>overlay</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Export Plots…</source>
        <translation>Diagramme exportieren …</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Save Run…</source>
        <translation>Lauf speichern …</translation>
    </message>
    <message>
        <source>Run files (*.json)</source>
        <translation>Laufdateien (*.json)</translation>
    </message>
    <message>
        <source>Overlay Run…</source>
        <translation>Lauf überlagern …</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet …</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>%1 graphs/s</source>
        <translation>%1 Graphen/s</translation>
    </message>
    <message>
        <source>ArchScope</source>
        <translation>ArchScope</translation>
    </message>
    <message>
        <source>epoch %1: τ %2 · r %3 · RMSE %4</source>
        <translation>Epoche %1: τ %2 · r %3 · RMSE %4</translation>
    </message>
    <message>
        <source>unnamed run</source>
        <translation>unbenannter Lauf</translation>
    </message>
    <message>
        <source>Overlay (dashed): %1</source>
        <translation>Vergleich (gestrichelt): %1</translation>
    </message>
    <message>
        <source>Export Plots</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png);;SVG images (*.svg);;PDF documents (*.pdf)</source>
        <translation>PNG-Bilder (*.png);;SVG-Bilder (*.svg);;PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <source>Save Run</source>
        <translation>Lauf speichern</translation>
    </message>
    <message>
        <source>Overlay Run</source>
        <translation>Lauf überlagern</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>last run: %1</source>
        <translation>letzter Lauf: %1</translation>
    </message>
    <message>
        <source>resuming…</source>
        <translation>wird fortgesetzt …</translation>
    </message>
    <message>
        <source>Show the losses on a logarithmic axis</source>
        <translation>Die Verluste auf einer logarithmischen Achse zeigen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explorer for the NAS-Bench-101 search space</source>
        <translation>Explorer für den NAS-Bench-101-Suchraum</translation>
    </message>
    <message>
        <source>Save a picture of the window and quit.</source>
        <translation>Ein Bild des Fensters speichern und beenden.</translation>
    </message>
    <message>
        <source>Wait this long before the picture (ms).</source>
        <translation>So lange vor dem Bild warten (ms).</translation>
    </message>
    <message>
        <source>Start a short training run at launch.</source>
        <translation>Beim Start einen kurzen Trainingslauf beginnen.</translation>
    </message>
    <message>
        <source>Show a path and a climb on the latent map at launch.</source>
        <translation>Beim Start einen Pfad und einen Aufstieg auf der latenten Karte zeigen.</translation>
    </message>
</context>
</TS>
