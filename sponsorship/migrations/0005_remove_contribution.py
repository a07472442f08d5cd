"""The contributions of the programmes, moved to the financing ledger by 0004, are no longer
kept here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('sponsorship', '0004_move_contributions_to_the_ledger'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='historicalcontribution',
            name='earmarked_for',
        ),
        migrations.RemoveField(
            model_name='historicalcontribution',
            name='history_user',
        ),
        migrations.RemoveField(
            model_name='historicalcontribution',
            name='organization',
        ),
        migrations.RemoveField(
            model_name='historicalcontribution',
            name='programme',
        ),
        migrations.DeleteModel(
            name='Contribution',
        ),
        migrations.DeleteModel(
            name='HistoricalContribution',
        ),
    ]
